package io.jenkins.plugins.dbrunbooks.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialect;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.SnapshotDialect;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;

public class ArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.dbrunbooks.engine");

    @Test
    public void engineShouldNotDependOnJenkins() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..",
                "org.jenkinsci..", "org.kohsuke.stapler..", "com.cloudbees..").check(ENGINE);
    }

    @Test
    public void engineShouldNotPrint() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(ENGINE);
    }

    @Test
    public void methodsShouldNotDependOnEachOther() {
        for (String engine : Set.of("postgres", "mariadb", "h2")) {
            noClasses().that().resideInAPackage("..method." + engine + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(Set.of("postgres", "mariadb", "h2").stream().filter(e -> !e.equals(engine))
                            .map(e -> "..method." + e + "..").toArray(String[]::new))
                    .check(ENGINE);
        }
    }

    @Test
    public void everyMethodShouldBeInTheRegistry() {
        Set<String> implementations = ENGINE.stream()
                .filter(c -> c.isAssignableTo(DatabaseMethod.class) && !c.isInterface()
                        && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::getName).collect(Collectors.toSet());
        Set<String> registered = Dialects.standard().methods().methods().stream().map(m -> m.getClass().getName())
                .collect(Collectors.toSet());

        assertThat(registered).isEqualTo(implementations).isNotEmpty();
    }

    @Test
    public void everyEngineShouldBeInTheRegistry() {
        assertThat(Dialects.standard().all().stream().map(d -> d.getClass().getName()).collect(Collectors.toSet()))
                .isEqualTo(implementationsOf(Dialect.class)).isNotEmpty();
        assertThat(Dialects.standard().all().stream().map(d -> d.snapshot().getClass().getName())
                .collect(Collectors.toSet())).isEqualTo(implementationsOf(SnapshotDialect.class)).isNotEmpty();
    }

    @Test
    public void packagesShouldNotDependOnEachOtherInACircle() {
        slices().matching("io.jenkins.plugins.dbrunbooks.engine.(**)").should().beFreeOfCycles().check(ENGINE);
    }

    private static Set<String> implementationsOf(Class<?> type) {
        return ENGINE.stream()
                .filter(c -> c.isAssignableTo(type) && !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::getName).collect(Collectors.toSet());
    }
}
