export { detectCancerTypes, findCancerTypes, cancerTypeAffinity, cancerTypeAncestors, isKnownCancerType, type CancerTypeMention } from './cancerTypes';
export { detectIntents, headingIntents, INTENTS, type Intent } from './intents';
