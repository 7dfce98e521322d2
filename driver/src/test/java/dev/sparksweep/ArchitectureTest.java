package dev.sparksweep;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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
            "data", "predict", "report"}) {
            assertTrue(CLASSES.containPackage("dev.sparksweep." + p), "no classes imported from " + p);
        }
    }

    @Test
    void searchAndSpaceNeverTouchSparkOrDl4j() {
        noClasses().that().resideInAnyPackage("dev.sparksweep.search..", "dev.sparksweep.space..")
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
