package dev.flareobserver.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of shared/design/architecture.md, checked on the compiled main code. */
class LayerRulesTest {

    private static final String TRANSPORT = "dev.flareobserver.transport..";
    private static final String CORE_API = "dev.flareobserver.api..";
    private static final String ORCHESTRATION = "dev.flareobserver.orchestration..";
    private static final String APP = "dev.flareobserver.app..";
    private static final String EMULATOR = "dev.flareobserver.emulator..";

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.flareobserver");
    }

    @Test
    void everyModuleIsPresent() {
        for (String layer : new String[] {TRANSPORT, CORE_API, ORCHESTRATION, APP, EMULATOR}) {
            String pkg = layer.substring(0, layer.length() - 2);
            if (main.stream().noneMatch(c -> c.getPackageName().startsWith(pkg))) {
                throw new AssertionError("no main classes imported from " + pkg
                        + ": the rules below would pass vacuously");
            }
        }
    }

    @Test
    void onlyTheAppUsesJavaFx() {
        noClasses().that().resideInAnyPackage(TRANSPORT, CORE_API, ORCHESTRATION, EMULATOR)
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(main);
    }

    @Test
    void transportDependsOnNoHigherLayer() {
        noClasses().that().resideInAPackage(TRANSPORT)
                .should().dependOnClassesThat().resideInAnyPackage(CORE_API, ORCHESTRATION, APP, EMULATOR)
                .check(main);
    }

    @Test
    void coreApiDependsOnlyOnTransport() {
        noClasses().that().resideInAPackage(CORE_API)
                .should().dependOnClassesThat().resideInAnyPackage(ORCHESTRATION, APP, EMULATOR)
                .check(main);
    }

    @Test
    void orchestrationDependsNeitherOnTheAppNorTheEmulator() {
        noClasses().that().resideInAPackage(ORCHESTRATION)
                .should().dependOnClassesThat().resideInAnyPackage(APP, EMULATOR)
                .check(main);
    }

    @Test
    void appNeverTouchesHttpWebSocketOrTransport() {
        noClasses().that().resideInAPackage(APP)
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..", "org.java_websocket..", TRANSPORT)
                .check(main);
    }

    @Test
    void appNeverCallsACoreApiClientDirectly() {
        noClasses().that().resideInAPackage(APP)
                .should().dependOnClassesThat(resideInAPackage(CORE_API).and(nameMatching(".*Client$")))
                .because("the app goes through orchestration services, sessions and workflows")
                .check(main);
    }

    @Test
    void emulatorSharesNoCodeWithTheClient() {
        noClasses().that().resideInAPackage(EMULATOR)
                .should().dependOnClassesThat().resideInAnyPackage(TRANSPORT, CORE_API, ORCHESTRATION, APP)
                .check(main);
    }

    @Test
    void theAppReachesTheEmulatorThroughOneFactory() {
        classes().that().resideInAPackage(APP)
                .and().haveNameNotMatching(".*\\.DemoEmulatorFactory(\\$.*)?")
                .should().onlyDependOnClassesThat().resideOutsideOfPackage(EMULATOR)
                .check(main);
    }

    @Test
    void librariesDoNotPrintToStandardStreams() {
        noClasses().that().resideInAnyPackage(TRANSPORT, CORE_API, ORCHESTRATION)
                .should(ACCESS_STANDARD_STREAMS)
                .check(main);
    }
}
