package dev.sparksweep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.ProjectFiles;
import dev.sparksweep.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad config gets one line naming the file, the key, the rule and the value, and exit code 2. */
class ConfigValidationTest {
    static final String DATA = "data: {source: 'builtin:digits'}\n";

    @TempDir
    Path dir;

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("name: x\n" + DATA + "search: {strategy: grid, max_trials: 0}\n",
                        "search.max_trials: must be an integer >= 1, but got 0"),
                Arguments.of(DATA,
                        "name: is required but missing"),
                Arguments.of("name: 'my run'\n" + DATA,
                        "name: must match [A-Za-z0-9._-]+, but got \"my run\""),
                Arguments.of("name: x\n" + DATA + "serch: {seed: 1}\n",
                        "serch: is not a known key (known: name, data, search, space, execution, history, output)"),
                Arguments.of("name: x\n" + DATA + "space: {widht: [32, 64]}\n",
                        "space.widht: is not a known key (known: hidden_layers, width, activation, batch_size, "
                                + "epochs, optimizer, learning_rate, dropout, l1, l2, early_stopping, widths)"),
                Arguments.of("name: x\n" + DATA + "space: {hidden_layers: [1, 3], widths: [[64, 128], 32]}\n",
                        "space.widths: needs an entry for every hidden layer (hidden_layers goes up to 3), but got "
                                + "2 entries"),
                Arguments.of("name: x\n" + DATA + "space: {width: 64, widths: [64]}\n",
                        "space.widths: cannot be combined with space.width (widths sets every layer's), but got "
                                + "[64]"),
                Arguments.of("name: x\n" + DATA + "space: {widths: [[64, 0]]}\n",
                        "space.widths[0][1]: must be an integer >= 1, but got 0"),
                Arguments.of("name: x\ndata: {source: 'mnist.csv'}\n",
                        "data.source: must be builtin:NAME, csv:PATH, libsvm:PATH or parquet:PATH, "
                                + "but got \"mnist.csv\""),
                Arguments.of("name: x\ndata: {source: 'parquet:t.parquet', header: false}\n",
                        "data.header: applies to csv sources only, but got source \"parquet:t.parquet\""),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', num_features: 10}\n",
                        "data.num_features: applies to libsvm sources only, but got source \"csv:t.csv\""),
                Arguments.of("name: x\ndata: {source: 'libsvm:t.txt', label: y}\n",
                        "data.label: cannot be set for libsvm sources (the label is the first item of each line), "
                                + "but got \"y\""),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', delimiter: '::'}\n",
                        "data.delimiter: must be one character (write a tab as \"\\t\"), but got \"::\""),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', label: y, features: [a, y]}\n",
                        "data.features: must not include the label column, but got \"y\""),
                Arguments.of("name: x\ndata: {source: 'libsvm:t.txt', categorical: [a]}\n",
                        "data.categorical: a list of columns applies to csv and parquet sources only, but got source "
                                + "\"libsvm:t.txt\""),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', label: y, categorical: [a, y]}\n",
                        "data.categorical: must not include the label column, but got \"y\""),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', features: [a, b], categorical: [c]}\n",
                        "data.categorical: must name columns of data.features (a, b), but got \"c\""),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', categorical: some}\n",
                        "data.categorical: must be auto, none or a non-empty list of feature columns, but got "
                                + "\"some\""),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', max_categories: 0}\n",
                        "data.max_categories: must be an integer >= 1, but got 0"),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', test: 'parquet:t.parquet'}\n",
                        "data.test: must be the same kind of source as data.source (csv), but got "
                                + "\"parquet:t.parquet\""),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', test: 'csv:u.csv', split: {test: 0.2}}\n",
                        "data.split.test: cannot be set when data.test names a source, but got 0.2"),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', test: 'csv:u.csv', split: {train: 0.6, "
                                + "validation: 0.2}}\n",
                        "data.split: train + validation = 1 must hold, but got 0.6 + 0.2 = 0.8"),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', missing: skip}\n",
                        "data.missing: must be one of error | drop | impute, but got \"skip\""),
                Arguments.of("name: x\ndata: {source: 'csv:'}\n",
                        "data.source: needs a path after csv:, but got \"csv:\""),
                Arguments.of("name: x\ndata: {source: 'builtin:mnist'}\n",
                        "data.source: the built-in data sets are digits, but got \"builtin:mnist\""),
                Arguments.of("name: x\n" + DATA.replace("}", ", split: {train: 0.6, validation: 0.2, test: 0.3}}"),
                        "data.split: train + validation + test = 1 must hold, but got 0.6 + 0.2 + 0.3 = 1.1"),
                Arguments.of("name: x\n" + DATA.replace("}", ", split: {train: 1.2}}"),
                        "data.split.train: must be a number with 0 < train < 1, but got 1.2"),
                Arguments.of("name: x\n" + DATA.replace("}", ", scale: zscore}"),
                        "data.scale: must be one of none | max | minmax | standard, but got \"zscore\""),
                Arguments.of("name: x\n" + DATA + "search: {strategy: bayes}\n",
                        "search.strategy: must be one of grid | random | halving | tpe, but got \"bayes\""),
                Arguments.of("name: x\n" + DATA + "search: {objective: accuracy}\n",
                        "search.objective: must be one of val_loss | val_accuracy | val_macro_f1 | val_auc | val_rmse | val_mae | val_r2, but got \"accuracy\""),
                Arguments.of("name: x\n" + DATA + "search: {objective: val_rmse}\n",
                        "search.objective: must be one of val_loss | val_accuracy | val_macro_f1 | val_auc with "
                                + "data.task: classification, but got val_rmse"),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', task: regression}\nsearch: {objective: val_auc}\n",
                        "search.objective: must be one of val_loss | val_rmse | val_mae | val_r2 with data.task: "
                                + "regression, but got val_auc"),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', task: regression}\n"
                                + "space: {early_stopping: {monitor: val_accuracy}}\n",
                        "space.early_stopping.monitor: must be one of val_loss | val_rmse | val_mae | val_r2 with "
                                + "data.task: regression, but got val_accuracy"),
                Arguments.of("name: x\n" + DATA + "space: {early_stopping: {monitor: [val_loss, val_r2]}}\n",
                        "space.early_stopping.monitor: must be one of val_loss | val_accuracy | val_macro_f1 | val_auc "
                                + "with data.task: classification, but got val_r2"),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', task: regression, class_weights: balanced}\n",
                        "data.class_weights: applies to data.task: classification only, but got class_weights "
                                + "balanced with data.task: regression"),
                Arguments.of("name: x\ndata: {source: 'csv:t.csv', task: ranking}\n",
                        "data.task: must be one of classification | regression, but got \"ranking\""),
                Arguments.of("name: x\n" + DATA + "search: {max_time: soon}\n",
                        "search.max_time: must be a duration such as 90s, 30m, 2h or 1h30m, but got \"soon\""),
                Arguments.of("name: x\n" + DATA + "space: {width: [32, 0]}\n",
                        "space.width[1]: must be an integer >= 1, but got 0"),
                Arguments.of("name: x\n" + DATA + "space: {width: []}\n",
                        "space.width: must be a non-empty list, but got []"),
                Arguments.of("name: x\n" + DATA + "space: {width: [32, 32]}\n",
                        "space.width: must not list a value twice, but got 32 at index 1"),
                Arguments.of("name: x\n" + DATA + "space: {batch_size: [5, -1]}\n",
                        "space.batch_size[1]: must be an integer >= 1 or \"full\", but got -1"),
                Arguments.of("name: x\n" + DATA + "space: {hidden_layers: 2.5}\n",
                        "space.hidden_layers: must be an integer with 0 <= hidden_layers <= 64, but got 2.5"),
                Arguments.of("name: x\n" + DATA + "space: {activation: [relu, swish]}\n",
                        "space.activation[1]: must be one of relu | leakyrelu | elu | tanh | sigmoid, "
                                + "but got \"swish\""),
                Arguments.of("name: x\n" + DATA + "space: {optimizer: adagrad}\n",
                        "space.optimizer: must be one of adam | sgd | nesterovs | rmsprop | adamax, "
                                + "but got \"adagrad\""),
                Arguments.of("name: x\n" + DATA + "space: {learning_rate: 0}\n",
                        "space.learning_rate: must be a number > 0, but got 0"),
                Arguments.of("name: x\n" + DATA + "space: {dropout: [0.0, 1.0]}\n",
                        "space.dropout[1]: must be a number with 0 <= dropout < 1, but got 1.0"),
                Arguments.of("name: x\n" + DATA + "space: {l2: -1.0e-4}\n",
                        "space.l2: must be a number >= 0, but got -1.0E-4"),
                Arguments.of("name: x\n" + DATA + "space: {early_stopping: {monitor: val_loss, patience: 0}}\n",
                        "space.early_stopping.patience: must be an integer >= 1, but got 0"),
                Arguments.of("name: x\n" + DATA + "space: {early_stopping: {monitor: loss}}\n",
                        "space.early_stopping.monitor: must be one of val_loss | val_accuracy | val_macro_f1 | val_auc | val_rmse | val_mae | val_r2, but got \"loss\""),
                Arguments.of("name: x\n" + DATA + "space: {early_stopping: {patience: 3, mindelta: 0.1}}\n",
                        "space.early_stopping.mindelta: is not a known key (known: monitor, patience, min_delta), "
                                + "but got mindelta"),
                Arguments.of("name: x\n" + DATA + "space: {early_stopping: {patience: [2, 0]}}\n",
                        "space.early_stopping.patience[1]: must be an integer >= 1, but got 0"),
                Arguments.of("name: x\n" + DATA + "space: {early_stopping: {patience: [5, 5]}}\n",
                        "space.early_stopping.patience: must not list a value twice, but got 5 at index 1"),
                Arguments.of("name: x\n" + DATA + "space: {early_stopping: {patience: []}}\n",
                        "space.early_stopping.patience: must be a non-empty list, but got []"),
                Arguments.of("name: x\n" + DATA + "space: {early_stopping: {min_delta: [0.0, -1]}}\n",
                        "space.early_stopping.min_delta[1]: must be a number >= 0, but got -1"),
                Arguments.of("name: x\n" + DATA + "space: {early_stopping: {monitor: [val_loss, loss]}}\n",
                        "space.early_stopping.monitor[1]: must be one of val_loss | val_accuracy | val_macro_f1 | val_auc | val_rmse | val_mae | val_r2, but got \"loss\""),
                Arguments.of("name: x\n" + DATA + "space: {early_stopping: {patience: {int: [2, 10]}}}\n",
                        "space.early_stopping.patience: a grid needs a list or a single value; distributions need "
                                + "strategy random, halving or tpe, but got {\"int\":[2,10]}"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: random, max_trials: 3}\n"
                                + "space: {early_stopping: {patience: {int: [0, 10]}}}\n",
                        "space.early_stopping.patience.int[0]: must be an integer >= 1, but got 0"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: random, max_trials: 3}\n"
                                + "space: {early_stopping: {patience: {uniform: [1.0, 5.0]}}}\n",
                        "space.early_stopping.patience: takes int or int_log, since patience is an integer, but got "
                                + "{\"uniform\":[1.0,5.0]}"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: random, max_trials: 3}\n"
                                + "space: {early_stopping: {monitor: {uniform: [0, 1]}}}\n",
                        "space.early_stopping.monitor: only numeric keys take a distribution; use a list, but got "
                                + "{\"uniform\":[0,1]}"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: random, max_trials: 3}\n"
                                + "space: {early_stopping: [none, {patience: {int: [2, 5]}}]}\n",
                        "space.early_stopping[1].patience: in a list of alternatives takes a value or a list; a "
                                + "distribution needs early_stopping to be one map, but got {\"int\":[2,5]}"),
                Arguments.of("name: x\n" + DATA + "space: {early_stopping: [none, none]}\n",
                        "space.early_stopping: must not list a value twice, but got none at index 1"),
                Arguments.of("name: x\n" + DATA + "space: {early_stopping: [{patience: 5}, {patience: [2, 5]}]}\n",
                        "space.early_stopping: must not list a value twice, but got "
                                + "{monitor=val_loss, patience=5, min_delta=0.0} at index 1"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: grid, sampler_seed: 3}\n",
                        "search.sampler_seed: applies to strategies random, halving and tpe only, but got strategy grid"),
                Arguments.of("name: x\n" + DATA + "space: {learning_rate: {log_uniform: [1.0e-4, 1.0e-1]}}\n",
                        "space.learning_rate: a grid needs a list or a single value; distributions need strategy "
                                + "random, halving or tpe, but got {\"log_uniform\":[1.0E-4,0.1]}"),
                Arguments.of("name: x\n" + DATA + "execution: {parallelism: 0}\n",
                        "execution.parallelism: must be auto or an integer >= 1, but got 0"),
                Arguments.of("name: x\n" + DATA + "execution: {data_parallel: {workers: 2}}\n",
                        "execution.data_parallel: applies to mode data_parallel only, but got mode per_candidate"),
                Arguments.of("name: x\n" + DATA + "execution: {mode: data_parallel, engine: jvm}\n",
                        "execution.engine: must be auto or dl4j with mode data_parallel (it trains with dl4j-spark), "
                                + "but got \"jvm\""),
                Arguments.of("name: x\n" + DATA + "execution: {mode: data_parallel, parallelism: 2}\n",
                        "execution.parallelism: must be auto or 1 with mode data_parallel (one candidate at a time, "
                                + "across every executor), but got 2"),
                Arguments.of("name: x\n" + DATA + "execution: {mode: data_parallel, data_parallel: "
                                + "{averaging_frequency: 0}}\n",
                        "execution.data_parallel.averaging_frequency: must be an integer >= 1, but got 0"),
                Arguments.of("name: x\n" + DATA + "execution: {mode: model_parallel}\n",
                        "execution.mode: must be one of per_candidate | data_parallel, but got \"model_parallel\""),
                Arguments.of("name: x\n" + DATA + "execution: {backend: gpu, engine: jvm}\n",
                        "execution.engine: must be auto or dl4j with backend gpu (the jvm engine trains on the CPU "
                                + "only), but got \"jvm\""),
                Arguments.of("name: x\n" + DATA + "execution: {backend: gpu, mode: data_parallel}\n",
                        "execution.backend: gpu applies to mode per_candidate only (one GPU per task; dl4j-spark's "
                                + "data-parallel training places its own work), but got mode data_parallel"),
                Arguments.of("name: x\n" + DATA + "execution: {gpus_per_executor: 2}\n",
                        "execution.gpus_per_executor: applies to backend gpu only, but got backend cpu"),
                Arguments.of("name: x\n" + DATA + "execution: {backend: gpu, gpus_per_executor: 0}\n",
                        "execution.gpus_per_executor: must be an integer >= 1, but got 0"),
                Arguments.of("name: x\n" + DATA + "execution: {backend: gpu, gpus_per_executor: 1.5}\n",
                        "execution.gpus_per_executor: must be an integer >= 1, but got 1.5"),
                Arguments.of("name: x\n" + DATA + "execution: {backend: gpu, master: 'local[2]'}\n",
                        "execution.backend: gpu with master local[2] trains in this JVM, so ND4J here must run on "
                                + "CUDA with a supported GPU, but ND4J's CUDA backend is not on the classpath (no "
                                + "org.nd4j.linalg.jcublas.JCublasBackend; build it with mvn -Pgpu package, which "
                                + "lays it out in gpu-home/target/gpu-home/jars); see README \"GPU\""),
                Arguments.of("name: x\n" + DATA + "execution: {backend: tpu}\n",
                        "execution.backend: must be one of cpu | gpu, but got \"tpu\""),
                Arguments.of("name: x\n" + DATA + "history: {train_metrics: exactly}\n",
                        "history.train_metrics: must be one of running | exact, but got \"exactly\""),
                Arguments.of("name: x\n" + DATA + "history: {val_metrics: exact}\n",
                        "history.val_metrics: is not a known key (known: train_metrics)"),
                Arguments.of("name: x\n" + DATA + "output: {keep_models: 0}\n",
                        "output.keep_models: must be an integer >= 1, but got 0"),
                Arguments.of("name: x\n" + DATA + "space: [1, 2]\n",
                        "space: must be a map of keys, but got a list"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: halving, max_trials: 10, eta: 1}\n",
                        "search.eta: must be an integer >= 2, but got 1"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: halving, max_trials: 10, min_epochs: 0}\n",
                        "search.min_epochs: must be an integer >= 1, but got 0"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: grid, eta: 3}\n",
                        "search.eta: applies to strategy halving only, but got strategy grid"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: random, max_trials: 3, reproducible: true}\n",
                        "search.reproducible: applies to strategies halving and tpe only, but got strategy random"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: random, max_trials: 3, startup_trials: 5}\n",
                        "search.startup_trials: applies to strategy tpe or halving with sampler tpe only, but got "
                                + "strategy random"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: tpe, max_trials: 3, startup_trials: 0}\n",
                        "search.startup_trials: must be an integer >= 1, but got 0"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: random, max_trials: 3, sampler: tpe}\n",
                        "search.sampler: applies to strategy halving only, but got strategy random"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: halving, max_trials: 3, sampler: bayes}\n",
                        "search.sampler: must be one of random | tpe, but got \"bayes\""),
                Arguments.of("name: x\n" + DATA + "search: {strategy: halving, max_trials: 3, startup_trials: 4}\n",
                        "search.startup_trials: applies to strategy tpe or halving with sampler tpe only, but got "
                                + "strategy halving"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: tpe}\n",
                        "search.max_trials: is required for strategy tpe but missing"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: halving}\n",
                        "search.max_trials: is required for strategy halving but missing"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: random}\n",
                        "search.max_trials: is required for strategy random but missing"),
                Arguments.of("name: x\n" + DATA + "search: {trial_timeout: 0s}\n",
                        "search.trial_timeout: must be a duration such as 90s, 30m, 2h or 1h30m (longer than zero), "
                                + "but got \"0s\""),
                Arguments.of("name: x\n" + DATA + "search: {strategy: random, max_trials: 5}\n"
                                + "space: {learning_rate: {log_uniform: [0.1, 0.01]}}\n",
                        "space.learning_rate.log_uniform: low < high must hold, but got (low=0.1, high=0.01)"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: random, max_trials: 5}\n"
                                + "space: {l2: {log_uniform: [0, 0.01]}}\n",
                        "space.l2.log_uniform: a log scale needs low > 0, but got (low=0, high=0.01)"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: random, max_trials: 5}\n"
                                + "space: {width: {uniform: [8, 64]}}\n",
                        "space.width: takes int or int_log, since width is an integer, but got {\"uniform\":[8,64]}"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: random, max_trials: 5}\n"
                                + "space: {dropout: {uniform: [0.0, 1.5]}}\n",
                        "space.dropout.uniform[1]: must be a number with 0 <= dropout < 1, but got 1.5"),
                Arguments.of("name: x\n" + DATA + "search: {strategy: random, max_trials: 5}\n"
                                + "space: {activation: {uniform: [0, 1]}}\n",
                        "space.activation: only numeric keys take a distribution; use a list, but got "
                                + "{\"uniform\":[0,1]}"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badConfigGetsOneLineAndExitCode2(String yaml, String expected) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, yaml);
        Cli.Result r = validate(file);
        assertEquals(2, r.code());
        assertEquals("sweep: " + file + ": " + expected + "\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "name: x\ndata: {source: 'builtin:digits'\nspace: {}\n");
        Cli.Result r = validate(file);
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(true, r.err().startsWith("sweep: " + file + ": line 3, column "), r.err());
    }

    @Test
    void duplicateKeysAreRefused() throws Exception {
        Path file = dir.resolve("dup.yaml");
        Files.writeString(file, "name: x\nname: y\n" + DATA);
        Cli.Result r = validate(file);
        assertEquals(2, r.code());
        assertEquals(true, r.err().contains("Duplicate field 'name'"), r.err());
    }

    @Test
    void missingFileIsOneLine() {
        Path file = dir.resolve("nope.yaml");
        Cli.Result r = validate(file);
        assertEquals(2, r.code());
        assertEquals("sweep: " + file + ": cannot read the config: no such file\n", r.err());
    }

    @Test
    void scientificNotationWithoutADotIsANumber() throws Exception {
        Path file = dir.resolve("sci.yaml");
        Files.writeString(file, "name: x\n" + DATA + "space: {l2: [0, 1e-4]}\n");
        SweepConfig cfg = ConfigLoader.load(file);
        assertEquals(java.util.List.of(0.0, 1e-4), cfg.space().dimensions().get(0).values());
    }

    @Test
    void categoricalColumnsMayBeIndicesWhereFeaturesAreNames() throws Exception {
        Path file = dir.resolve("mixed.yaml");
        Files.writeString(file, "name: x\ndata: {source: 'csv:t.csv', features: [a, b], categorical: [1]}\n");
        SweepConfig cfg = ConfigLoader.load(file);
        assertEquals(List.of("1"), cfg.data().categorical().columns());
    }

    @Test
    void aRegressionRanksByValRmseUnlessTheObjectiveIsSet() throws Exception {
        Path file = dir.resolve("reg.yaml");
        Files.writeString(file, "name: x\ndata: {source: 'csv:t.csv', task: regression}\n");
        assertEquals(dev.sparksweep.worker.Monitor.VAL_RMSE, ConfigLoader.load(file).search().objective());
        Files.writeString(file, "name: x\ndata: {source: 'csv:t.csv', task: regression}\nsearch: {objective: val_r2}\n");
        assertEquals(dev.sparksweep.worker.Monitor.VAL_R2, ConfigLoader.load(file).search().objective());
        Files.writeString(file, "name: x\ndata: {source: 'csv:t.csv'}\n");
        assertEquals(dev.sparksweep.worker.Monitor.VAL_ACCURACY, ConfigLoader.load(file).search().objective());
    }

    @Test
    void theShippedConfigsAreValid() throws Exception {
        try (var files = Files.list(ProjectFiles.root().resolve("configs"))) {
            List<Path> configs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertTrue(configs.size() >= 4, configs.toString());
            for (Path config : configs) {
                // a gpu config under its local master needs a GPU in this JVM, which no test machine has: a standalone
                // master (not contacted for built-in data) checks the rest
                Cli.Result r = ConfigLoader.load(config).execution().gpu()
                        ? Cli.sweep("validate", config.toString(), "--master", "spark://127.0.0.1:7077") : validate(config);
                assertEquals(0, r.code(), config + ": " + r.err());
            }
        }
        Cli.Result gpuHere = validate(ProjectFiles.config("digits-gpu-check.yaml"));
        assertEquals(2, gpuHere.code(), gpuHere.err());
        Cli.Result random = validate(ProjectFiles.config("digits-random.yaml"));
        assertTrue(random.out().contains("24 candidates (random over"), random.out());
        Cli.Result lesson = validate(ProjectFiles.config("digits-lesson.yaml"));
        assertEquals(true, lesson.out().contains("72 candidates"), lesson.out());
        assertEquals(true, lesson.out().contains("split train 1078 / validation 359 / test 360"), lesson.out());
    }

    static Cli.Result validate(Path file) {
        return Cli.sweep("validate", file.toString());
    }
}
