/**
 * Request and response bodies of the mini-program API, one record per schema of the contract.
 */
package cn.enterprisegrid.mp.api;
