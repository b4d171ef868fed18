package cn.enterprisegrid.problem;

import java.util.List;
import java.util.Map;

/**
 * What one step does to a case, computed in Java ({@link StepRules}) and written by {@code
 * problem_step.lua}: the next status and clock, the other fields set and removed, whether a dispatch
 * number (交办单号) is drawn, and the history entry.
 */
record Change(ProblemStatus next, CaseClock clock, Map<String, String> set, List<String> del, boolean drawDispatch,
    String historyStep, String historyLabel, String note, Map<String, String> detail) {}
