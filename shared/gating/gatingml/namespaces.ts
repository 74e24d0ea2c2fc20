// Gating-ML 2.0 namespaces (Spidlen et al., Cytometry A 2015; schema files Gating-ML.v2.0.xsd,
// Transformations.v2.0.xsd, DataTypes.v2.0.xsd). Elements are matched by namespace URI and local
// name, never by prefix: any prefix (or a default namespace) may be bound to these URIs.
export const NS_GATING = 'http://www.isac-net.org/std/Gating-ML/v2.0/gating';
export const NS_TRANSFORMS = 'http://www.isac-net.org/std/Gating-ML/v2.0/transformations';
export const NS_DATATYPES = 'http://www.isac-net.org/std/Gating-ML/v2.0/datatypes';
