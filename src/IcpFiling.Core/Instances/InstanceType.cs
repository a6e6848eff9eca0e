namespace IcpFiling.Core.Instances;

/// <summary>The instance types that can get service numbers (docs/RULES.md (types and quotas)).</summary>
public enum InstanceType
{
    Ecs,
    SimpleApplicationServer,
    CloudWebHosting,
    ElasticWebHosting,
    Marketplace,
    NatGateway,
    Ipv6Translation,
    Ens,
}
