package dev.sparksweep.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.space.Hyperparameter;
import dev.sparksweep.space.SearchSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads a YAML config into a SweepConfig and checks every rule before any work starts. Every failure is a
 * BadInputException whose one-line message names the file, the key, the rule and the value. Each section has its
 * own parser beside its record; this class maps YAML errors and reads the top level.
 */
public final class ConfigLoader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private ConfigLoader() {
    }

    public static SweepConfig load(Path path) {
        String file = path.toString();
        Section top = Section.of(file, "", readYaml(path));
        top.allow("name", "data", "search", "space", "execution", "history", "output");

        String name = top.requiredString("name");
        if (!NAME.matcher(name).matches()) {
            throw top.fail("name", "must match " + NAME.pattern(), Hyperparameter.show(name));
        }
        if (name.equals(".") || name.equals("..")) {
            throw top.fail("name", "must not be . or .. (the run directory is runs/NAME)", Hyperparameter.show(name));
        }
        DataConfig data = DataSection.parse(Section.of(file, "data", top.required("data")),
                path.toAbsolutePath().getParent());
        SearchConfig search = SearchSection.parse(top.section("search"));
        SearchSpace space = SpaceSection.parse(top.section("space"), search.strategy());
        ExecutionConfig execution = ExecutionSection.parse(top.section("execution"));
        HistoryConfig history = HistorySection.parse(top.section("history"));
        OutputConfig output = OutputSection.parse(top.section("output"), name);
        return new SweepConfig(path, name, data, search, space, execution, history, output);
    }

    private static JsonNode readYaml(Path path) {
        String file = path.toString();
        JsonNode root;
        try {
            String text = Files.readString(path);
            YAMLMapper mapper = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
            root = mapper.readTree(text);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": cannot read the config: no such file");
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": " + yamlProblem(e));
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the config: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new BadInputException(file + ": the config is empty; it needs at least name and data");
        }
        return root;
    }

    /** "line L, column C: is not valid YAML: PROBLEM", pointing at the problem rather than its context. */
    private static String yamlProblem(JsonProcessingException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
            return "line " + (m.getProblemMark().getLine() + 1) + ", column " + (m.getProblemMark().getColumn() + 1)
                    + ": is not valid YAML: " + m.getProblem()
                    + (m.getContext() == null ? "" : " (" + m.getContext() + ")");
        }
        String where = e.getLocation() == null ? ""
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
        return where + "is not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("");
    }
}
