package dev.sparksweep.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sparksweep.common.BadInputException;
import dev.sparksweep.space.Dimension;
import dev.sparksweep.space.Hyperparameter;
import dev.sparksweep.space.SearchSpace;
import dev.sparksweep.worker.EarlyStopping;
import dev.sparksweep.worker.Monitor;
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
        Section searchSection = top.section("search");
        SearchConfig search = SearchSection.parse(searchSection);
        if (data.regression() && !searchSection.has("objective")) {
            search = withObjective(search, Monitor.VAL_RMSE);
        }
        SearchSpace space = SpaceSection.parse(top.section("space"), search.strategy());
        checkTask(file, data, search, space);
        ExecutionConfig execution = ExecutionSection.parse(top.section("execution"));
        HistoryConfig history = HistorySection.parse(top.section("history"));
        OutputConfig output = OutputSection.parse(top.section("output"), name);
        return new SweepConfig(path, name, data, search, space, execution, history, output);
    }

    private static SearchConfig withObjective(SearchConfig s, Monitor objective) {
        return new SearchConfig(s.strategy(), objective, s.maxTrials(), s.maxTime(), s.trialTimeout(), s.seed(),
                s.minEpochs(), s.eta(), s.ordered(), s.startupTrials(), s.sampler(), s.samplerSeed());
    }

    /** The objective and every early-stopping monitor must be a metric of the task. */
    private static void checkTask(String file, DataConfig data, SearchConfig search, SearchSpace space) {
        checkMonitor(file, "search.objective", search.objective(), data);
        for (Dimension d : space.dimensions()) {
            if (!(d instanceof Dimension.Fixed) && !(d instanceof Dimension.Choice)) {
                continue; // a range of numbers holds no monitor
            }
            for (Object v : d.values()) {
                Monitor m = v instanceof Monitor mv ? mv : v instanceof EarlyStopping es ? es.monitor() : null;
                if (m != null) {
                    checkMonitor(file, "space." + d.name() + (d.name().endsWith("monitor") ? "" : ".monitor"), m, data);
                }
            }
        }
    }

    private static void checkMonitor(String file, String key, Monitor m, DataConfig data) {
        boolean fits = data.regression() ? m.appliesToRegression() : Monitor.of(false).contains(m);
        if (!fits) {
            String task = data.task().name().toLowerCase(java.util.Locale.ROOT);
            throw new BadInputException(file + ": " + key + ": must be one of " + Monitor.of(data.regression())
                    .stream().map(Monitor::key).collect(java.util.stream.Collectors.joining(" | "))
                    + " with data.task: " + task + ", but got " + m.key());
        }
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
