/**
 * The mini-program's API contract ({@link cn.enterprisegrid.mp.MiniProgramContract}, the OpenAPI document
 * {@code openapi/mini-program.yaml}) and how its validation failures read
 * ({@link cn.enterprisegrid.mp.RequestViolation}).
 */
package cn.enterprisegrid.mp;
