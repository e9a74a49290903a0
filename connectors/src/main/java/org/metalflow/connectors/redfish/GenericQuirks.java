package org.metalflow.connectors.redfish;

/** Standard Redfish, for every BMC without a quirk class of its own. */
final class GenericQuirks implements VendorQuirks {

    static final GenericQuirks INSTANCE = new GenericQuirks();

    @Override
    public String name() {
        return "generic";
    }
}
