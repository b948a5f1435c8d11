using System.Net;
using System.Security.Cryptography;
using System.Text;
using Framecast.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Operations;

/// <summary>
/// Who may read <c>/metrics</c>: clients in <see cref="OperationsOptions.MetricsAllowedNetworks"/> (loopback by default)
/// or holding <see cref="OperationsOptions.MetricsToken"/>. Metrics name routes, rates and internals nobody else needs.
/// A middleware in the scrape endpoint's own pipeline: the exporter's endpoint is a plain request delegate, which
/// endpoint filters never run on.
/// </summary>
public sealed class MetricsAccess(IOptions<OperationsOptions> options)
{
    private readonly IReadOnlyList<IPNetwork> _networks = options.Value.ResolveMetricsNetworks();
    private readonly byte[]? _token = options.Value.MetricsToken is { Length: > 0 } t ? Encoding.UTF8.GetBytes(t) : null;

    public Task InvokeAsync(HttpContext http, RequestDelegate next) =>
        IsAllowed(http.Connection.RemoteIpAddress, http.Request.Headers.Authorization.ToString())
            ? next(http)
            : Problems.Create(StatusCodes.Status403Forbidden, "metrics.forbidden", "Metrics are not public",
                "Read /metrics from an allowed network (Operations:MetricsAllowedNetworks) or with the metrics token.").ExecuteAsync(http);

    private bool IsAllowed(IPAddress? address, string authorization)
    {
        if (address is not null)
        {
            var client = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            if (_networks.Any(n => n.Contains(client)))
            {
                return true;
            }
        }
        const string scheme = "Bearer ";
        return _token is not null && authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()), _token);
    }
}
