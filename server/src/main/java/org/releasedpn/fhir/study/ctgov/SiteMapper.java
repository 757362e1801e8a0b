package org.releasedpn.fhir.study.ctgov;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Location;

/**
 * The registered sites, one Location per registry location in registry order (ResearchStudy.site
 * is a Reference(Location) in R4): facility name, postal address and the registry's geocoded
 * point. A site's recruitment status is the study's business, not the Location's, and is left out.
 */
final class SiteMapper {

    private SiteMapper() {}

    static List<Location> fromRegistry(RegistryNode locations, StudyIds ids) {
        List<Location> sites = new ArrayList<>();
        for (RegistryNode registered : locations.items()) {
            Location site = new Location();
            site.setId(ids.site(sites.size() + 1));
            site.setMode(Location.LocationMode.INSTANCE);
            registered.get("facility").text().ifPresent(site::setName);
            site.setAddress(address(registered));
            position(registered.get("geoPoint")).ifPresent(site::setPosition);
            sites.add(site);
        }
        return sites;
    }

    private static Address address(RegistryNode registered) {
        Address address = new Address();
        registered.get("city").text().ifPresent(address::setCity);
        registered.get("state").text().ifPresent(address::setState);
        registered.get("zip").text().ifPresent(address::setPostalCode);
        registered.get("country").text().ifPresent(address::setCountry);
        return address.isEmpty() ? null : address;
    }

    /** Location.position needs both coordinates; half a point is dropped. */
    private static Optional<Location.LocationPositionComponent> position(RegistryNode geoPoint) {
        Optional<BigDecimal> latitude = geoPoint.get("lat").decimal();
        Optional<BigDecimal> longitude = geoPoint.get("lon").decimal();
        if (latitude.isEmpty() || longitude.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Location.LocationPositionComponent()
                .setLatitude(latitude.get())
                .setLongitude(longitude.get()));
    }
}
