package org.releasedpn.fhir.conformance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;

/**
 * Contract section 2: what a declared profile ({@code meta.profile}) that the server does not have
 * means depends on whose it is. In the trial's namespace it is an error, since no such profile of
 * the trial exists. From any other guide (US Core on a server without US Core) it is the sender's
 * assertion that the server cannot check: a warning at the claim, and the resource is still
 * validated against base R4 and the trial's implied profiles.
 *
 * <p>The HL7 validator reports such a claim itself, located at {@code X.meta.profile[i]}, also
 * inside Bundle entries and contained resources; this class judges each of those reports.
 */
public final class UnknownProfileClaims {
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    private UnknownProfileClaims() {
    }

    /** Whether the validator reports a profile it could not find. */
    public static boolean isUnknownProfile(ValidationMessage message) {
        String id = message.getMessageId();
        return I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(id)
                || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(id)
                || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_ERROR.equals(id)
                || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_ERROR_NETWORK.equals(id);
    }

    /** The validator's report of an unknown declared profile, with the contract's severity and wording. */
    public static ValidationMessage judge(ValidationMessage report) {
        String canonical = canonicalIn(report.getMessage());
        if (canonical == null) {
            return report;
        }
        if (TrialCanonicals.isTrialCanonical(canonical)) {
            report.setLevel(IssueSeverity.ERROR);
            report.setMessage("Unknown profile '" + canonical + "': the trial defines no profile with this URL");
        } else {
            report.setLevel(IssueSeverity.WARNING);
            report.setMessage("Profile claim '" + canonical + "' was not checked: this server does not have the "
                    + "implementation guide that defines it. The resource was validated against base FHIR R4 and "
                    + "the trial's profiles that apply to it; the claim is kept in meta.profile as the sender's assertion");
        }
        return report;
    }

    private static String canonicalIn(String message) {
        Matcher quoted = message == null ? null : QUOTED.matcher(message);
        return quoted != null && quoted.find() ? quoted.group(1) : null;
    }
}
