package cn.enterprisegrid.http;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The address a request comes from, for decisions that must not be fooled by a header (the login
 * throttle): the socket's peer; only when that peer is a trusted proxy ({@code TRUSTED_PROXIES},
 * addresses or CIDR ranges) is {@code X-Forwarded-For} read, from the right, skipping the trusted
 * proxies, so the first address no trusted proxy vouches for is the client's. Anyone can send the
 * header, so the entries left of that one are the client's own claims and are never believed.
 */
public final class ClientAddress {
  private final List<Range> trusted;

  private ClientAddress(List<Range> trusted) {
    this.trusted = trusted;
  }

  /** Trusts the proxies named by {@code specs} ({@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code fd00::/8}). */
  public static ClientAddress trusting(List<String> specs) {
    List<Range> ranges = new ArrayList<>();
    for (String spec : specs) {
      ranges.add(Range.parse(spec));
    }
    return new ClientAddress(List.copyOf(ranges));
  }

  /** The client's address in canonical form ({@code 203.0.113.7}, {@code 2001:db8:0:0:0:0:0:1}). */
  public String of(HttpServerRequest req) {
    SocketAddress peer = req.connection().remoteAddress();
    InetAddress current = peer == null ? null : parse(peer.hostAddress());
    if (current == null) {
      // a domain socket or an address Netty could not read: one bucket for all of them
      return "unknown";
    }
    if (!trusted.isEmpty()) {
      List<String> hops = new ArrayList<>();
      for (String header : req.headers().getAll("X-Forwarded-For")) {
        for (String hop : header.split(",")) {
          hops.add(hop.trim());
        }
      }
      for (int i = hops.size() - 1; i >= 0 && isTrusted(current); i--) {
        InetAddress hop = parse(stripPort(hops.get(i)));
        if (hop == null) {
          break; // a trusted proxy wrote something that is not an address: stay with the proxy
        }
        current = hop;
      }
    }
    return current.getHostAddress();
  }

  private boolean isTrusted(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Range r : trusted) {
      if (r.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  /** An IP literal, never a host name (no DNS lookup); null when it is not one. */
  public static InetAddress parse(String literal) {
    if (literal == null) {
      return null;
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
    if (bytes == null) {
      return null;
    }
    try {
      // an IPv4-mapped IPv6 address comes back as the IPv4 address
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** {@code [2001:db8::1]:443} and {@code 203.0.113.7:8080} as proxies sometimes write them. */
  private static String stripPort(String hop) {
    if (hop.startsWith("[")) {
      int end = hop.indexOf(']');
      return end < 0 ? hop : hop.substring(1, end);
    }
    int colon = hop.indexOf(':');
    return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
  }

  /** An address or a CIDR range. */
  private record Range(byte[] network, int bits) {
    static Range parse(String spec) {
      int slash = spec.indexOf('/');
      InetAddress address = ClientAddress.parse(slash < 0 ? spec : spec.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException("TRUSTED_PROXIES: " + spec + " is not an IP address or CIDR range");
      }
      byte[] network = address.getAddress();
      int bits = network.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(spec.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > network.length * 8) {
          throw new IllegalArgumentException("TRUSTED_PROXIES: " + spec + " has a bad prefix length");
        }
      }
      return new Range(network, bits);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
