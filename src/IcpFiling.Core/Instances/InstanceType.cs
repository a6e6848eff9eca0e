namespace IcpFiling.Core.Instances;

/// <summary>The instance types that can get service numbers (DOMAIN.md §2).</summary>
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
