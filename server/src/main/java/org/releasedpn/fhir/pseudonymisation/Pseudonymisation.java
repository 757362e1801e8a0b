package org.releasedpn.fhir.pseudonymisation;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

/**
 * The pseudonymised view of one resource: a copy with the {@link PseudonymisationRules} applied,
 * resources inside it too (contained resources, Bundle entries, Parameters), and labelled
 * {@code PSEUDED}. Its argument is never changed (it may be a resource other requests see), and
 * applying it to its own result changes nothing more (HAPI may show one resource twice).
 * Every way out of the server that must not carry direct identifiers calls {@link #apply}: the
 * answers of REST reads ({@link PseudonymisedAnswers}) and Bulk Data export files ({@link #applyInPlace}).
 */
public final class Pseudonymisation {
    /**
     * What HAPI keeps beside the model (search mode of a Bundle entry, history method, deletion
     * time …) and reads when it builds an answer: a copy must keep it, or an _include would be
     * answered as a match.
     */
    private static final List<ResourceMetadataKeyEnum<?>> ANSWER_METADATA = List.of(
            ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE, ResourceMetadataKeyEnum.ENTRY_SEARCH_SCORE,
            ResourceMetadataKeyEnum.ENTRY_TRANSACTION_METHOD, ResourceMetadataKeyEnum.DELETED_AT,
            ResourceMetadataKeyEnum.PUBLISHED, ResourceMetadataKeyEnum.UPDATED, ResourceMetadataKeyEnum.VERSION,
            ResourceMetadataKeyEnum.VERSION_ID);

    private final FhirContext fhirContext;
    private final PseudonymisationRules rules;
    private final Map<String, List<MaskingRule>> elementRulesByOwner = new HashMap<>();
    private final Map<String, MaskingRule> typeRules = new HashMap<>();

    public Pseudonymisation(FhirContext fhirContext, PseudonymisationRules rules) {
        this.fhirContext = fhirContext;
        this.rules = rules;
        for (MaskingRule rule : rules.rules()) {
            if (rule.wholeType()) {
                typeRules.put(rule.owner(), rule);
            } else {
                elementRulesByOwner.computeIfAbsent(rule.owner(), owner -> new ArrayList<>()).add(rule);
            }
        }
    }

    public PseudonymisationRules rules() {
        return rules;
    }

    /**
     * The resource as the pseudonymised view shows it: a masked copy, or the resource itself when
     * its type is one the view leaves unchanged (a definition, an outcome).
     */
    public IBaseResource apply(IBaseResource resource) {
        if (resource == null || unchanged(resource)) {
            return resource;
        }
        Resource copy = ((Resource) resource).copy();
        for (ResourceMetadataKeyEnum<?> key : ANSWER_METADATA) {
            copy.setUserData(key.name(), ((Resource) resource).getUserData(key.name()));
        }
        mask(copy);
        return copy;
    }

    /**
     * Masks {@code resource} itself, for a resource nobody else holds: the copy a Bulk Data export
     * job loaded for the file it writes ({@code export.PseudonymisedExport}).
     */
    public void applyInPlace(IBaseResource resource) {
        if (resource != null) {
            mask(resource);
        }
    }

    /** Whether the view leaves resources of this type as they are. */
    public boolean unchanged(IBaseResource resource) {
        return rules.unchanged().contains(fhirContext.getResourceType(resource));
    }

    /** Masks {@code resource} in place: only ever a copy made here. */
    private void mask(IBaseResource resource) {
        if (unchanged(resource)) {
            return;
        }
        BaseRuntimeElementCompositeDefinition<?> definition = fhirContext.getResourceDefinition(resource);
        applyElementRules(resource, definition, MaskingRule.EVERY_RESOURCE);
        applyElementRules(resource, definition, definition.getName());
        walk(resource, definition);
        label(resource);
    }

    /** Every element below {@code element}: type rules, data-type element rules, nested resources. */
    private void walk(IBase element, BaseRuntimeElementCompositeDefinition<?> definition) {
        for (BaseRuntimeChildDefinition child : definition.getChildrenAndExtension()) {
            List<IBase> values = new ArrayList<>(child.getAccessor().getValues(element));
            if (values.isEmpty()) {
                continue;
            }
            List<IBase> kept = new ArrayList<>(values.size());
            for (IBase value : values) {
                if (value instanceof IBaseResource nested) {
                    mask(nested); // contained resources, Bundle entries, Parameters: part of the copy
                    kept.add(value);
                    continue;
                }
                BaseRuntimeElementDefinition<?> type = fhirContext.getElementDefinition(value.getClass());
                if (type == null) {
                    kept.add(value);
                    continue;
                }
                MaskingRule typeRule = typeRules.get(type.getName());
                if (typeRule != null && !keeps(typeRule, value)) {
                    continue;
                }
                if (type instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
                    applyElementRules(value, composite, type.getName());
                    walk(value, composite);
                } else if (value instanceof Element primitive && primitive.hasExtension()) {
                    // a primitive's own extensions (_birthDate …): HAPI's definitions do not list them
                    primitive.getExtension().forEach(extension -> walk(extension, extensionDefinition()));
                }
                kept.add(value);
            }
            if (kept.size() < values.size()) {
                replaceValues(element, child, kept);
            }
        }
    }

    private BaseRuntimeElementCompositeDefinition<?> extensionDefinition() {
        return (BaseRuntimeElementCompositeDefinition<?>) fhirContext.getElementDefinition("Extension");
    }

    private void applyElementRules(IBase element, BaseRuntimeElementCompositeDefinition<?> definition, String owner) {
        for (MaskingRule rule : elementRulesByOwner.getOrDefault(owner, List.of())) {
            applyAlong(element, definition, rule, 0);
        }
    }

    private void applyAlong(IBase element, BaseRuntimeElementCompositeDefinition<?> definition, MaskingRule rule, int step) {
        BaseRuntimeChildDefinition child = definition.getChildByName(rule.steps().get(step));
        if (child == null) {
            return; // a '*' rule on a type without the element
        }
        List<IBase> values = new ArrayList<>(child.getAccessor().getValues(element));
        if (step < rule.steps().size() - 1) {
            for (IBase value : values) {
                if (fhirContext.getElementDefinition(value.getClass()) instanceof BaseRuntimeElementCompositeDefinition<?> next) {
                    applyAlong(value, next, rule, step + 1);
                }
            }
            return;
        }
        switch (rule.action()) {
            case REMOVE -> child.getMutator().setValue(element, null);
            case YEAR_ONLY -> values.forEach(Pseudonymisation::yearOnly);
            case KEEP_IDENTIFIER_SYSTEMS -> {
                List<IBase> kept = values.stream().filter(value -> keeps(rule, value)).toList();
                if (kept.size() < values.size()) {
                    replaceValues(element, child, kept);
                }
            }
        }
    }

    /** Whether a value of the type a whole-type rule names stays. */
    private static boolean keeps(MaskingRule rule, IBase value) {
        return rule.action() == MaskingAction.KEEP_IDENTIFIER_SYSTEMS && value instanceof Identifier identifier
                && rule.systems().contains(identifier.getSystem());
    }

    /** The year of a date; its extensions go too, since they describe the date more precisely (patient-birthTime). */
    private static void yearOnly(IBase value) {
        if (value instanceof BaseDateTimeType date) {
            date.getExtension().clear();
            if (date.getValueAsString() != null && date.getValueAsString().length() > 4) {
                date.setValueAsString(date.getValueAsString().substring(0, 4));
            }
        }
    }

    private static void replaceValues(IBase element, BaseRuntimeChildDefinition child, List<IBase> kept) {
        child.getMutator().setValue(element, null);
        for (IBase value : kept) {
            child.getMutator().addValue(element, value);
        }
    }

    private void label(IBaseResource resource) {
        PseudonymisationRules.Label label = rules.label();
        if (resource.getMeta().getSecurity(label.system(), label.code()) == null) {
            resource.getMeta().addSecurity().setSystem(label.system()).setCode(label.code()).setDisplay(label.display());
        }
    }
}
