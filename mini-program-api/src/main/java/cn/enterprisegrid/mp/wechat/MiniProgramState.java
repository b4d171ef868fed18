package cn.enterprisegrid.mp.wechat;

/** Which version of the mini-program a subscribe message opens ({@code miniprogram_state}). */
public enum MiniProgramState {
  /** The development build. */
  DEVELOPER("developer"),
  /** The trial build. */
  TRIAL("trial"),
  /** The released build (WeChat's default). */
  FORMAL("formal");

  private final String wire;

  MiniProgramState(String wire) {
    this.wire = wire;
  }

  /** @return the value WeChat expects in {@code miniprogram_state} */
  public String wire() {
    return wire;
  }
}
