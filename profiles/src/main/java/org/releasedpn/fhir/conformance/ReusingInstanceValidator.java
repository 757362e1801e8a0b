package org.releasedpn.fhir.conformance;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.JsonParser;
import org.hl7.fhir.r5.elementmodel.ParserBase;
import org.hl7.fhir.r5.elementmodel.ParserBase.ValidationPolicy;
import org.hl7.fhir.r5.elementmodel.ValidatedFragment;
import org.hl7.fhir.r5.elementmodel.XmlParser;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.fhirpath.IHostApplicationServices;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's instance validator, reusing the HL7 {@link InstanceValidator}s it validates with.
 *
 * <p>HAPI builds a new InstanceValidator for every validation, and in HL7 core 6.7.9 that
 * constructor re-reads the validator's OID table from its jar and builds a new FHIRPath engine:
 * measured here, more than half of the time of validating a TCSS Observation. This subclass keeps
 * a few configured InstanceValidators and lends one to each validation. Because an
 * InstanceValidator keeps some bookkeeping of every resource it has seen, each is retired after
 * {@link #USES_PER_VALIDATOR} validations; the outcome of a validation does not depend on which
 * validator ran it (the only shared memory is its cache of resolved canonical resources and the
 * suppression of a repeated "this profile is draft" kind of warning).
 */
public final class ReusingInstanceValidator extends FhirInstanceValidator {
    static final int USES_PER_VALIDATOR = 256;
    private static final int IDLE_VALIDATORS = 8;
    private static final String MIME_TYPES = "http://hl7.org/fhir/ValueSet/mimetypes";

    private final BlockingQueue<Lent> idle = new ArrayBlockingQueue<>(IDLE_VALIDATORS);
    private volatile WorkerContextValidationSupportAdapter workerContext;

    public ReusingInstanceValidator(IValidationSupport validationSupport) {
        super(validationSupport);
    }

    @Override
    protected List<ValidationMessage> validate(IValidationContext<?> context) {
        Lent lent = idle.poll();
        if (lent == null) {
            lent = new Lent(newInstanceValidator(), provideWorkerContext());
        }
        try {
            return validate(lent, context);
        } finally {
            if (++lent.uses < USES_PER_VALIDATOR) {
                idle.offer(lent);
            }
        }
    }

    /** Definitions changed: new validators, and a new worker context (HAPI's keeps its list of all profiles forever). */
    @Override
    public void invalidateCaches() {
        super.invalidateCaches();
        workerContext = null;
        idle.clear();
    }

    @Override
    protected WorkerContextValidationSupportAdapter provideWorkerContext() {
        WorkerContextValidationSupportAdapter context = workerContext;
        if (context == null) {
            context = new OidTolerantWorkerContext(getValidationSupport());
            workerContext = context;
        }
        return context;
    }

    /**
     * HAPI 8.8.0's worker context can list StructureDefinitions only; the HL7 validator asks it for
     * every CodeSystem when a ValueSet includes a {@code urn:oid:} system, and the request failed
     * with HAPI-0650. No CodeSystem is known by OID here, so the answer is an empty list, and the
     * system is then reported like any other unknown one.
     */
    private static final class OidTolerantWorkerContext extends WorkerContextValidationSupportAdapter {
        OidTolerantWorkerContext(IValidationSupport validationSupport) {
            super(validationSupport);
        }

        @Override
        public <T extends org.hl7.fhir.r5.model.Resource> List<T> fetchResourcesByType(Class<T> type) {
            return type.equals(StructureDefinition.class) ? super.fetchResourcesByType(type) : List.of();
        }
    }

    /**
     * What {@code InstanceValidator.validate(.., InputStream, ..)} does for a resource (not a
     * logical model), but with the lent validator's parsers: HL7's {@code Manager.makeParser}
     * builds a new parser per call, and each new parser builds a FHIRPath engine that walks every
     * StructureDefinition the validator knows.
     */
    private static void parseAndValidate(Lent lent, List<ValidationMessage> messages, byte[] body, FhirFormat format,
            List<StructureDefinition> profiles) {
        ParserBase parser = lent.parser(format);
        List<ValidatedFragment> fragments;
        try {
            fragments = parser.parse(new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw new FHIRException(e);
        }
        for (ValidatedFragment fragment : fragments) {
            if (fragment.getElement() != null) {
                lent.validator.validate(null, fragment.getErrors(), fragments.size() > 1 ? fragment.path() : null,
                        fragment.getElement(), profiles);
            }
            messages.addAll(fragment.getErrors());
        }
    }

    private List<ValidationMessage> validate(Lent lent, IValidationContext<?> context) {
        IWorkerContext definitions = provideWorkerContext();
        List<ValidationMessage> messages = new ArrayList<>();
        List<ValidationMessage> unknownRequested = new ArrayList<>();
        List<StructureDefinition> profiles = new ArrayList<>();
        for (String url : context.getOptions().getProfiles()) {
            StructureDefinition profile = definitions.fetchResource(StructureDefinition.class, url);
            if (profile != null) {
                profiles.add(profile);
            } else {
                unknownRequested.add(unknownProfile(url));
            }
        }
        FhirFormat format = context.getResourceAsStringEncoding() == EncodingEnum.XML ? FhirFormat.XML : FhirFormat.JSON;
        byte[] body = context.getResourceAsString().getBytes(StandardCharsets.UTF_8);
        if (profiles.stream().anyMatch(profile -> profile.getKind() == StructureDefinitionKind.LOGICAL)) {
            lent.validator.validate(null, messages, new ByteArrayInputStream(body), format, profiles);
        } else {
            parseAndValidate(lent, messages, body, format, profiles);
        }

        List<ValidationMessage> kept = new ArrayList<>(messages.size());
        for (ValidationMessage message : messages) {
            if (!isIgnored(message)) {
                kept.add(UnknownProfileClaims.isUnknownProfile(message) ? UnknownProfileClaims.judge(message) : message);
            }
        }
        kept.addAll(unknownRequested);
        return kept;
    }

    /** Configured as HAPI's own wrapper configures it, from this validator's settings. */
    private InstanceValidator newInstanceValidator() {
        IWorkerContext definitions = provideWorkerContext();
        IHostApplicationServices host = getHostApplicationServices() != null ? getHostApplicationServices()
                : new FhirInstanceValidator.NullEvaluationContext();
        InstanceValidator validator = new InstanceValidator(definitions, host, new XVerExtensionManagerOld(definitions),
                new ValidatorSession(), new ValidatorSettings());
        validator.setAssumeValidRestReferences(isAssumeValidRestReferences());
        validator.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
        validator.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
        validator.setResourceIdRule(IdStatus.OPTIONAL);
        validator.setNoTerminologyChecks(isNoTerminologyChecks());
        validator.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
        // Unknown code systems are reported through the support chain's own severity setting.
        validator.setUnknownCodeSystemsCauseErrors(true);
        validator.getExtensionDomains().addAll(getExtensionDomains());
        validator.setFetcher(getValidatorResourceFetcher());
        validator.setPolicyAdvisor(getValidatorPolicyAdvisor());
        validator.setNoExtensibleWarnings(isNoExtensibleWarnings());
        validator.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
        validator.setAllowExamples(isAllowExamples());
        validator.setAllowXsiLocation(true);
        return validator;
    }

    /** What HAPI's own wrapper drops too: bindings without a value set, and the unexpandable MIME types. */
    private static boolean isIgnored(ValidationMessage message) {
        String id = message.getMessageId();
        return I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE.equals(id)
                || (I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND.equals(id) && message.getMessage().contains(MIME_TYPES));
    }

    private static ValidationMessage unknownProfile(String url) {
        ValidationMessage message = new ValidationMessage();
        message.setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);
        message.setLevel(IssueSeverity.ERROR);
        message.setMessage("Unknown profile: this server does not know " + url + ", asked for by the request");
        return message;
    }

    /** An InstanceValidator, the parsers that feed it, and how many validations it has run. */
    private static final class Lent {
        final InstanceValidator validator;
        private final IWorkerContext definitions;
        private JsonParser json;
        private XmlParser xml;
        int uses;

        Lent(InstanceValidator validator, IWorkerContext definitions) {
            this.validator = validator;
            this.definitions = definitions;
        }

        /** Configured as the InstanceValidator configures the parsers it makes itself. */
        ParserBase parser(FhirFormat format) {
            if (format == FhirFormat.XML) {
                if (xml == null) {
                    xml = new XmlParser(definitions);
                    xml.setAllowXsiLocation(true);
                    xml.setupValidation(ValidationPolicy.EVERYTHING);
                }
                return xml;
            }
            if (json == null) {
                json = new JsonParser(definitions);
                json.setupValidation(ValidationPolicy.EVERYTHING);
            }
            return json;
        }
    }
}
