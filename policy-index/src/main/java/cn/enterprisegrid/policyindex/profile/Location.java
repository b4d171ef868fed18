package cn.enterprisegrid.policyindex.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * WGS-84 position of a firm's premises.
 *
 * @param lat latitude in degrees, -90..90
 * @param lon longitude in degrees, -180..180
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"lat", "lon"})
public record Location(Double lat, Double lon) {
  /** Validates both coordinates. */
  public Location {
    if (lat == null || lon == null) {
      throw new IllegalArgumentException("location needs lat and lon");
    }
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("location out of range: " + lat + "," + lon);
    }
  }
}
