/**
 * Firebase Cloud Messaging HTTP v1 on Vert.x WebClient: {@link cn.enterprisegrid.mp.fcm.FcmClient}.
 */
package cn.enterprisegrid.mp.fcm;
