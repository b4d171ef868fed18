package cn.enterprisegrid.contract;

import static cn.enterprisegrid.contract.ContractConformanceTest.PASSWORD;
import static cn.enterprisegrid.contract.ContractConformanceTest.app;
import static cn.enterprisegrid.contract.ContractConformanceTest.consoleClient;
import static cn.enterprisegrid.contract.ContractConformanceTest.consoleOps;


import java.util.Random;
/** The console walk's accounts (the demo's), shared by its parts. */
abstract class ConsoleAccounts extends Walk {
  static final String JXJ = "开化县经济和信息化局";
  final String root = app.adminToken();
  final String admin = app.login("kh.admin", PASSWORD);
  final String huabu = app.login("kh.huabu.admin", PASSWORD);
  final String author = app.login("kh.jxj.author", PASSWORD);
  final String reviewer = app.login("kh.jxj.reviewer", PASSWORD);
  final String handler = app.login("kh.rsj.handler", PASSWORD);
  final String supervisor = app.login("kh.supervisor", PASSWORD);
  final String liaison = app.login("kh.liaison01", PASSWORD);
  final String firm = app.login("kh.firm01", PASSWORD);
  final Random random = new Random(2026);

  ConsoleAccounts() {
    super(consoleClient, consoleOps);
  }
}
