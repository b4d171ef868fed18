package cn.enterprisegrid.testing;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * Starts one {@link TestBackend} per test class ({@link WithBackend}) and stops it after the
 * class, so every class starts from an empty Redis and its own data directory. Injects it into
 * fields and parameters of type {@code TestBackend}, and an admin token into {@code String}s
 * marked {@link AdminToken}; static fields are set before the class's own {@code @BeforeAll}
 * methods run, so they can seed data with them.
 */
public final class BackendExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BackendExtension.class);

  /** The running backend and its admin token, closed by JUnit when the class's context ends. */
  private static final class Running implements ExtensionContext.Store.CloseableResource {
    final TestBackend app;
    private String admin;

    Running(TestBackend app) {
      this.app = app;
    }

    synchronized String admin() {
      if (admin == null) {
        admin = app.adminToken(); // a PBKDF2 login: only for classes that ask for it
      }
      return admin;
    }

    @Override
    public void close() {
      app.close();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Optional<WithBackend> with = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithBackend.class);
    boolean demo = with.map(WithBackend::demo).orElse(false);
    JsonObject settings = new JsonObject();
    for (String s : with.map(WithBackend::settings).orElse(new String[0])) {
      int eq = s.indexOf('=');
      settings.put(s.substring(0, eq), s.substring(eq + 1));
    }
    Running running = new Running(TestBackend.start(demo, SharedRedis.url(), settings));
    context.getStore(NS).put(Running.class, running);
    inject(context.getRequiredTestClass(), null, running);
  }

  @Override
  public void postProcessTestInstance(Object instance, ExtensionContext context) throws Exception {
    inject(instance.getClass(), instance, running(context));
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
    Class<?> type = p.getParameter().getType();
    return type == TestBackend.class || type == String.class && p.isAnnotated(AdminToken.class);
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext context) {
    Running running = running(context);
    return p.getParameter().getType() == TestBackend.class ? running.app : running.admin();
  }

  private static Running running(ExtensionContext context) {
    return context.getStore(NS).get(Running.class, Running.class);
  }

  /** Sets the static fields ({@code instance} null) or the instance fields the class declares. */
  private static void inject(Class<?> type, Object instance, Running running) throws IllegalAccessException {
    boolean statics = instance == null;
    for (Field f : AnnotationSupport.findAnnotatedFields(type, AdminToken.class, fi -> true,
        HierarchyTraversalMode.TOP_DOWN)) {
      if (Modifier.isStatic(f.getModifiers()) == statics) {
        set(f, instance, running.admin());
      }
    }
    for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == TestBackend.class && Modifier.isStatic(f.getModifiers()) == statics) {
          set(f, instance, running.app);
        }
      }
    }
  }

  private static void set(Field f, Object instance, Object value) throws IllegalAccessException {
    f.setAccessible(true);
    f.set(instance, value);
  }
}
