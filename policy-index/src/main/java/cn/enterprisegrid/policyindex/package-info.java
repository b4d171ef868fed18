package cn.enterprisegrid.policyindex;
