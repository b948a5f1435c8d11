using System.Net;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Playback;

public static class PlaybackRegistration
{
    public const string CorsPolicy = "media";

    public static IServiceCollection AddPlaybackFeature(this IServiceCollection services)
    {
        services.AddOptions<PlaybackOptions>().BindConfiguration(PlaybackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PlaybackSigner>();
        services.AddSingleton<IMediaUrls, PlaybackMediaUrls>();
        services.AddSingleton<PlaybackAccess>();
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<PlaybackOptions>>((cors, playback) =>
            cors.AddPolicy(CorsPolicy, policy =>
            {
                policy.WithOrigins(playback.Value.AllowedOrigins).WithMethods("GET", "HEAD").WithHeaders("Range")
                    .WithExposedHeaders("Content-Range", "Content-Length", "Accept-Ranges", "ETag");
            }));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<PlaybackOptions>>((kestrel, playback) =>
        {
            kestrel.AddServerHeader = false; // nothing to fingerprint
        });
        services.AddRateLimiter(_ => { });
        services.AddSingleton<MediaLimits>();
        services.AddOptions<RateLimiterOptions>().Configure<MediaLimits>(ConfigureLimits);
        return services;
    }

    private static void ConfigureLimits(RateLimiterOptions limiter, MediaLimits limits)
    {
        limiter.GlobalLimiter = limits.ForRequests();
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "1";
            await Problems.Create(StatusCodes.Status429TooManyRequests, "rate.limited", "Too many concurrent media requests",
                "Too many media downloads are in progress; retry shortly.").ExecuteAsync(context.HttpContext);
        };
    }

    /// <summary>
    /// Client addresses come from X-Forwarded-For only when the peer is a configured proxy (<c>Network:KnownProxies</c>,
    /// or any address in <c>Network:KnownNetworks</c>, for proxies without a fixed address such as nginx pods in Kubernetes).
    /// Returns false when none is configured: the middleware must then not run at all, because with empty lists it
    /// trusts every peer.
    /// </summary>
    public static bool AddForwardedHeadersFromConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("Network:KnownProxies").Get<string[]>() ?? [];
        if (proxies.FirstOrDefault(p => !IPAddress.TryParse(p, out _)) is { } bad)
        {
            throw new OptionsValidationException("Network", typeof(ForwardedHeadersOptions), [$"Network:KnownProxies has an invalid address '{bad}'."]);
        }
        var networks = configuration.GetSection("Network:KnownNetworks").Get<string[]>() ?? [];
        if (networks.FirstOrDefault(n => !System.Net.IPNetwork.TryParse(n, out _)) is { } badNetwork)
        {
            throw new OptionsValidationException("Network", typeof(ForwardedHeadersOptions),
                [$"Network:KnownNetworks has an invalid network '{badNetwork}'; use CIDR notation such as 10.0.0.0/8."]);
        }
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return proxies.Length + networks.Length > 0;
    }
}
