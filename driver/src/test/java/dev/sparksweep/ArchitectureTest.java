package dev.sparksweep;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering the design card asks for, enforced. */
class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sparksweep");

    @Test
    void theRulesSeeEveryPackage() {
        // an import that found nothing would make every rule below pass vacuously
        for (String p : new String[] {"worker", "search", "space", "spark", "app", "config", "results", "cli",
            "data", "predict", "report", "common", "bench"}) {
            assertTrue(CLASSES.containPackage("dev.sparksweep." + p), "no classes imported from " + p);
        }
    }

    @Test
    void packagesImportEachOtherWithoutCycles() {
        slices().matching("dev.sparksweep.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** DESIGN "Layers": each layer uses only the layers below it. */
    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("dev.sparksweep.cli..")
                .layer("bench").definedBy("dev.sparksweep.bench..")
                .layer("app").definedBy("dev.sparksweep.app..")
                .layer("services").definedBy("dev.sparksweep.spark..", "dev.sparksweep.data..",
                        "dev.sparksweep.results..", "dev.sparksweep.report..", "dev.sparksweep.predict..")
                .layer("search").definedBy("dev.sparksweep.search..", "dev.sparksweep.space..",
                        "dev.sparksweep.config..")
                .layer("base").definedBy("dev.sparksweep.worker..", "dev.sparksweep.common..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("app").mayOnlyBeAccessedByLayers("cli", "bench")
                .whereLayer("services").mayOnlyBeAccessedByLayers("cli", "bench", "app")
                .whereLayer("search").mayOnlyBeAccessedByLayers("cli", "bench", "app", "services")
                .check(CLASSES);
    }

    @Test
    void searchAndSpaceNeverTouchSparkOrDl4j() {
        noClasses().that().resideInAnyPackage("dev.sparksweep.search..", "dev.sparksweep.space..",
                        "dev.sparksweep.config..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.deeplearning4j..",
                        "org.nd4j..", "scala..")
                .check(CLASSES);
    }

    @Test
    void theWorkerNeverTouchesSparkOrTheDriver() {
        noClasses().that().resideInAPackage("dev.sparksweep.worker..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..",
                        "dev.sparksweep.config..", "dev.sparksweep.space..", "dev.sparksweep.search..",
                        "dev.sparksweep.app..", "dev.sparksweep.spark..", "dev.sparksweep.results..",
                        "dev.sparksweep.cli..", "dev.sparksweep.data..")
                .check(CLASSES);
    }

    @Test
    void reportsAreMadeFromTheRunDirectoryAloneWithoutSparkOrDl4j() {
        noClasses().that().resideInAPackage("dev.sparksweep.report..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.deeplearning4j..",
                        "org.nd4j..", "dev.sparksweep.app..", "dev.sparksweep.spark..")
                .check(CLASSES);
    }

    @Test
    void onlyTheSparkRunBenchDataAndPredictPackagesUseSpark() {
        noClasses().that().resideOutsideOfPackages("dev.sparksweep.spark..", "dev.sparksweep.app..",
                        "dev.sparksweep.bench..", "dev.sparksweep.data..", "dev.sparksweep.predict..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..")
                .check(CLASSES);
    }
}
