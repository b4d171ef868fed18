package cn.enterprisegrid.demo;

import cn.enterprisegrid.auth.AccountStore;
import cn.enterprisegrid.auth.Passwords;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.auth.Scope;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.enterprise.EnterpriseValidator;
import cn.enterprisegrid.enterprise.Uscc;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

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
    list.add(new DemoAccount("kh.kjj.reviewer", Role.POLICY_AUTHOR, new Scope(null, "开化县科学技术局", null, null)));
    list.add(new DemoAccount("kh.rsj.author", Role.POLICY_AUTHOR, new Scope(null, "开化县人力资源和社会保障局", null, null)));
    list.add(new DemoAccount("kh.rsj.reviewer", Role.POLICY_AUTHOR, new Scope(null, "开化县人力资源和社会保障局", null, null)));
    list.add(new DemoAccount("kh.rsj.handler", Role.DEPT_HANDLER, new Scope(null, "开化县人力资源和社会保障局", null, null)));
    list.add(new DemoAccount("kh.zrzy.handler", Role.DEPT_HANDLER, new Scope(null, "开化县自然资源和规划局", null, null)));
    list.add(new DemoAccount("kh.supervisor", Role.SUPERVISOR, new Scope(COUNTY, null, null, null)));
    list.add(new DemoAccount("kh.firm01", Role.ENTERPRISE, new Scope(null, null, null, Uscc.generate(COUNTY, random))));
    list.add(new DemoAccount("kh.firm02", Role.ENTERPRISE, new Scope(null, null, null, Uscc.generate(COUNTY, random))));
    return list;
  }

  /** How many demo firms {@code --demo} registers in 开化县. */
  public static final int FIRMS = 3000;

  public Future<Void> load() {
    return once("accounts", this::loadAccounts)
        .compose(v -> once("enterprises", this::loadEnterprises))
        // the grid indexes the demo firms, so it comes after them
        .compose(v -> once("grid", () -> new DemoGrid(vertx, store).load()))
        // published last: the match sets and 免申即享 grants then see the firms and their liaisons
        .compose(v -> once("policies", () -> new DemoPolicies(store).load()))
        // the firms' problems, filed and worked at instants of the past weeks
        .compose(v -> once("problems", () -> new DemoProblems(store).load()));
  }

  /**
   * 3,000 firms of 开化县 through the same registry code as an import (source REGISTRY, actor
   * demo); the demo firm accounts' codes are among them, with liaisons L0001/L0002 assigned.
   */
  private Future<Void> loadEnterprises() {
    DemoEnterprises gen = new DemoEnterprises(2026);
    List<String> regions = gen.regions(COUNTY);
    List<String> firmAccounts = accounts().stream().filter(a -> a.role() == Role.ENTERPRISE)
        .map(a -> a.scope().uscc()).toList();
    EnterpriseValidator validator = EnterpriseValidator.standard();
    EnterpriseStore enterprises = new EnterpriseStore(store);
    LocalDate today = ChinaTime.today();
    List<List<Enterprise>> batches = new ArrayList<>();
    List<Enterprise> batch = new ArrayList<>();
    for (int i = 0; i < FIRMS; i++) {
      JsonObject json = i < firmAccounts.size() ? gen.firm(firmAccounts.get(i), regions) : gen.inCounty(COUNTY, regions);
      EnterpriseValidator.Result r = validator.record(json, today);
      if (!r.valid()) {
        throw new IllegalStateException("demo firm invalid: " + r.errors());
      }
      batch.add(r.enterprise());
      if (batch.size() == 500) {
        batches.add(batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    Future<Void> chain = Future.succeededFuture();
    for (List<Enterprise> b : batches) {
      chain = chain.compose(v -> enterprises.registryBatch(b, "demo", null).mapEmpty());
    }
    for (int i = 0; i < firmAccounts.size(); i++) {
      String uscc = firmAccounts.get(i);
      String liaison = String.format("L%04d", i + 1);
      chain = chain.compose(v -> enterprises.assignLiaison(uscc, liaison, "demo").mapEmpty());
    }
    return chain;
  }

  private Future<Void> once(String part, Supplier<Future<Void>> loader) {
    String marker = "demo:loaded:" + part;
    return store.api().exists(List.of(marker)).compose(r -> {
      if (r.toInteger() == 1) {
        return Future.succeededFuture();
      }
      return loader.get()
          .compose(v -> store.api().set(List.of(marker, Instant.now().toString())))
          .onSuccess(v -> LOG.info("demo data loaded: {}", part))
          .mapEmpty();
    });
  }

  private Future<Void> loadAccounts() {
    AccountStore accounts = new AccountStore(store);
    // one slow hash for all: the demo accounts share their (public) password anyway, and fourteen
    // PBKDF2 runs would add seconds to the first start
    return vertx.executeBlocking(() -> Passwords.hash(PASSWORD), false).compose(hash -> {
      List<Future<Boolean>> created = new ArrayList<>();
      for (DemoAccount a : accounts()) {
        created.add(accounts.create(a.username(), a.role(), a.scope(), hash, "demo"));
      }
      return Future.all(created).mapEmpty();
    });
  }
}
