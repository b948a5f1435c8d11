using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Framecast.Features.Operations;

public sealed class OperationsOptions : IValidatableObject
{
    public const string Section = "Operations";

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.0.0.0/8</c>) whose clients may read <c>/metrics</c>; null means loopback only. The client
    /// address is the one after <c>Network:KnownProxies</c> are applied.
    /// </summary>
    public string[]? MetricsAllowedNetworks { get; set; }

    /// <summary>A bearer token that opens <c>/metrics</c> from any address (for a scraper outside those networks).</summary>
    public string? MetricsToken { get; set; }

    public IReadOnlyList<IPNetwork> ResolveMetricsNetworks() =>
        MetricsAllowedNetworks is { Length: > 0 } networks
            ? [.. networks.Select(n => IPNetwork.Parse(n.Trim()))]
            : [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in MetricsAllowedNetworks ?? [])
        {
            if (!IPNetwork.TryParse(network?.Trim(), out _))
            {
                yield return new ValidationResult($"'{network}' is not a network in CIDR notation, e.g. 10.0.0.0/8.", [nameof(MetricsAllowedNetworks)]);
            }
        }
        if (MetricsToken is { Length: > 0 and < 16 })
        {
            yield return new ValidationResult("Use a metrics token of at least 16 characters.", [nameof(MetricsToken)]);
        }
    }
}
