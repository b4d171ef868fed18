package cn.enterprisegrid.policy;

/** A policy's lifecycle: DRAFT → IN_REVIEW → PUBLISHED → CLOSED. */
public enum PolicyStatus { DRAFT, IN_REVIEW, PUBLISHED, CLOSED }
