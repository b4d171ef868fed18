package cn.enterprisegrid.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test class runs against one {@link TestBackend}, started before its first test (on the
 * flushed shared Redis) and stopped after its last; see {@link BackendExtension} for what is
 * injected.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BackendExtension.class)
public @interface WithBackend {
  /** Whether the backend loads the demo data (开化县's firms, grid and accounts). */
  boolean demo() default false;

  /** More settings as {@code NAME=value} (e.g. {@code TRUSTED_PROXIES=127.0.0.3}). */
  String[] settings() default {};
}
