using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>This node's HTTP address for other nodes: <c>Live:InternalUrl</c>, else Kestrel's first address (a wildcard host read as loopback).</summary>
public sealed class LiveInternalUrl(IOptions<LiveOptions> options, IServer server)
{
    public string? Value
    {
        get
        {
            if (options.Value.InternalUrl is { } configured)
            {
                return configured.TrimEnd('/');
            }
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is null || !Uri.TryCreate(address.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var uri))
            {
                return null;
            }
            var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "127.0.0.1" : uri.Host;
            return $"{uri.Scheme}://{(host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host)}:{uri.Port}";
        }
    }
}
