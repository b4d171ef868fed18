/**
 * Tencent Cloud SMS (短信, API 3.0 {@code SendSms} of version 2021-01-11) on Vert.x WebClient, signed
 * with TC3-HMAC-SHA256, with a configurable base URL so that tests talk to a fake that answers like
 * the real service, error codes included.
 */
package cn.enterprisegrid.mp.sms;
