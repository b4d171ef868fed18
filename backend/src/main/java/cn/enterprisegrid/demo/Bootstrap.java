package cn.enterprisegrid.demo;

import cn.enterprisegrid.auth.AccountStore;
import cn.enterprisegrid.auth.Passwords;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.auth.Scope;
import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What must exist before the first request: the built-in {@code admin} account (a grid admin of
 * the whole territory), and with {@code --demo} the demo data, each part loaded once.
 */
public final class Bootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
  public static final String ADMIN = "admin";

  private final Vertx vertx;
  private final Store store;
  private final Settings settings;

  public Bootstrap(Vertx vertx, Store store, Settings settings) {
    this.vertx = vertx;
    this.store = store;
    this.settings = settings;
  }

  public Future<Void> run(boolean demo) {
    Future<Void> admin = ensureAdmin();
    return demo ? admin.compose(v -> new DemoData(vertx, store).load()) : admin;
  }

  private Future<Void> ensureAdmin() {
    AccountStore accounts = new AccountStore(store);
    return accounts.find(ADMIN).compose(existing -> {
      if (existing != null) {
        return Future.succeededFuture();
      }
      boolean generated = settings.adminPassword() == null;
      String password = generated ? Passwords.generate() : settings.adminPassword();
      return vertx.executeBlocking(() -> Passwords.hash(password), false)
          .compose(hash -> accounts.create(ADMIN, Role.GRID_ADMIN, Scope.NONE, hash, "system"))
          .onSuccess(created -> {
            if (created && generated) {
              // Printed once, on the start that creates the account; never stored in clear.
              System.out.println("================================================================");
              System.out.println(" Built-in account created: admin / " + password);
              System.out.println(" (set ADMIN_PASSWORD before the first start to choose it)");
              System.out.println("================================================================");
            } else if (created) {
              LOG.info("built-in account admin created with ADMIN_PASSWORD");
            }
          })
          .mapEmpty();
    });
  }
}
