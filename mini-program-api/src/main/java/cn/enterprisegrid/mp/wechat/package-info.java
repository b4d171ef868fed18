/**
 * The WeChat mini-program server API on Vert.x WebClient: {@link cn.enterprisegrid.mp.wechat.WeChatClient}.
 */
package cn.enterprisegrid.mp.wechat;
