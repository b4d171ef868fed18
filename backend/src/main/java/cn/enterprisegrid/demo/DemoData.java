package cn.enterprisegrid.demo;

import cn.enterprisegrid.auth.AccountStore;
import cn.enterprisegrid.auth.Passwords;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.auth.Scope;
import cn.enterprisegrid.enterprise.Uscc;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Demo data for 开化县 (330824, 衢州市, 浙江省). Each part is loaded once, guarded by its own marker
 * key, so a later release can add parts to an existing data directory.
 */
public final class DemoData {
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  public static final String COUNTY = "330824";
  /** The password of every demo account (demo data only; never in production). */
  public static final String PASSWORD = "demo-pass-2026";

  private final Vertx vertx;
  private final Store store;

  public DemoData(Vertx vertx, Store store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** One demo account: its username, role and scope. */
  record DemoAccount(String username, Role role, Scope scope) {}

  static List<DemoAccount> accounts() {
    Random random = new Random(330824);
    List<DemoAccount> list = new ArrayList<>();
    list.add(new DemoAccount("kh.admin", Role.GRID_ADMIN, new Scope(COUNTY, null, null, null)));
    list.add(new DemoAccount("kh.huabu.admin", Role.GRID_ADMIN, new Scope("330824115", null, null, null)));
    list.add(new DemoAccount("kh.majin.admin", Role.GRID_ADMIN, new Scope("330824116", null, null, null)));
    list.add(new DemoAccount("kh.liaison01", Role.LIAISON, new Scope(COUNTY, null, "L0001", null)));
    list.add(new DemoAccount("kh.liaison02", Role.LIAISON, new Scope(COUNTY, null, "L0002", null)));
    list.add(new DemoAccount("kh.liaison03", Role.LIAISON, new Scope(COUNTY, null, "L0003", null)));
    list.add(new DemoAccount("kh.jxj.author", Role.POLICY_AUTHOR, new Scope(null, "开化县经济和信息化局", null, null)));
    list.add(new DemoAccount("kh.jxj.reviewer", Role.POLICY_AUTHOR, new Scope(null, "开化县经济和信息化局", null, null)));
    list.add(new DemoAccount("kh.kjj.author", Role.POLICY_AUTHOR, new Scope(null, "开化县科学技术局", null, null)));
    list.add(new DemoAccount("kh.rsj.handler", Role.DEPT_HANDLER, new Scope(null, "开化县人力资源和社会保障局", null, null)));
    list.add(new DemoAccount("kh.zrzy.handler", Role.DEPT_HANDLER, new Scope(null, "开化县自然资源和规划局", null, null)));
    list.add(new DemoAccount("kh.supervisor", Role.SUPERVISOR, new Scope(COUNTY, null, null, null)));
    list.add(new DemoAccount("kh.firm01", Role.ENTERPRISE, new Scope(null, null, null, Uscc.generate(COUNTY, random))));
    list.add(new DemoAccount("kh.firm02", Role.ENTERPRISE, new Scope(null, null, null, Uscc.generate(COUNTY, random))));
    return list;
  }

  public Future<Void> load() {
    return once("accounts", this::loadAccounts);
  }

  private Future<Void> once(String part, java.util.function.Supplier<Future<Void>> loader) {
    String marker = "demo:loaded:" + part;
    return store.api().exists(List.of(marker)).compose(r -> {
      if (r.toInteger() == 1) {
        return Future.succeededFuture();
      }
      return loader.get()
          .compose(v -> store.api().set(List.of(marker, java.time.Instant.now().toString())))
          .onSuccess(v -> LOG.info("demo data loaded: {}", part))
          .mapEmpty();
    });
  }

  private Future<Void> loadAccounts() {
    AccountStore accounts = new AccountStore(store);
    List<Future<Boolean>> created = new ArrayList<>();
    for (DemoAccount a : accounts()) {
      created.add(vertx.executeBlocking(() -> Passwords.hash(PASSWORD), false)
          .compose(hash -> accounts.create(a.username(), a.role(), a.scope(), hash, "demo")));
    }
    return Future.all(created).mapEmpty();
  }
}
