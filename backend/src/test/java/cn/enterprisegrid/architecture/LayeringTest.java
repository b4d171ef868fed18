package cn.enterprisegrid.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The infrastructure knows no domain: {@code http}, {@code store} and {@code config} depend on no
 * domain package, so a new domain plugs in at {@code ApiRoutes} and {@code Backend} only.
 */
class LayeringTest {
  private static final String[] DOMAINS = {
      "cn.enterprisegrid.enterprise..", "cn.enterprisegrid.grid..", "cn.enterprisegrid.visit..",
      "cn.enterprisegrid.policy..", "cn.enterprisegrid.redemption..", "cn.enterprisegrid.notify..",
      "cn.enterprisegrid.demo..", "cn.enterprisegrid.audit..", "cn.enterprisegrid.auth..",
      "cn.enterprisegrid.problem..", "cn.enterprisegrid.calendar.."};

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("cn.enterprisegrid");

  @Test
  void infrastructureDependsOnNoDomain() {
    noClasses().that().resideInAnyPackage("cn.enterprisegrid.http..", "cn.enterprisegrid.store..",
            "cn.enterprisegrid.config..", "cn.enterprisegrid.changes..")
        .should().dependOnClassesThat().resideInAnyPackage(DOMAINS)
        .check(MAIN);
  }

  @Test
  void noDomainWiresTheApplication() {
    noClasses().that().resideInAnyPackage(DOMAINS)
        .should().dependOnClassesThat().haveFullyQualifiedName("cn.enterprisegrid.ApiRoutes")
        .check(MAIN);
  }
}
