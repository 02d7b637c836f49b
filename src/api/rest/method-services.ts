export const METHOD_SERVICES = Symbol('METHOD_SERVICES');
