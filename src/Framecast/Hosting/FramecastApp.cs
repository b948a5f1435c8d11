using Framecast.Features.Admin;
using Framecast.Features.Accounts;
using Framecast.Features.Admin.Dashboard;
using Framecast.Features.Chat;
using Framecast.Features.Comments;
using Framecast.Features.Discovery;
using Framecast.Features.Gifts;
using Framecast.Features.Live;
using Framecast.Features.Live.Hls;
using Framecast.Features.Notifications;
using Framecast.Features.Operations;
using Framecast.Features.Playback;
using Framecast.Features.Reports;
using Framecast.Features.Processing;
using Framecast.Features.Search;
using Framecast.Features.Social;
using Framecast.Features.Uploads;
using Framecast.Features.Videos;
using Framecast.Features.Wallet;
using Framecast.Features.Web;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Realtime;
using Framecast.Infrastructure.Telemetry;

namespace Framecast.Hosting;

/// <summary>Builds the one executable's web host: configuration, the enabled roles' services, the pipeline and routes.</summary>
public static class FramecastApp
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <param name="args">Raw <c>--Section:Key=value</c> configuration arguments.</param>
    /// <param name="overrides">Settings from the command line's own options (<c>--urls</c>, <c>--data</c>, <c>--roles</c>); they win over everything.</param>
    /// <param name="configureServices">A test seam: extra or replacement services, applied last.</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // The pages are compiled into this assembly; name it even when a test host is the entry assembly.
            ApplicationName = typeof(FramecastApp).Assembly.GetName().Name,
        });
        // appsettings.json < FRAMECAST__SECTION__KEY < command line.
        builder.Configuration.AddEnvironmentVariables("FRAMECAST__");
        builder.Configuration.AddCommandLine(args);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }
        if (Console.IsOutputRedirected)
        {
            builder.Logging.ClearProviders();
            // Scopes carry the trace and span ids (Infrastructure/Telemetry) and the request's id and path, never its query.
            builder.Logging.AddJsonConsole(o => (o.UseUtcTimestamp, o.IncludeScopes) = (true, true));
        }
        builder.AddFramecastTelemetry();
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? DefaultUrls);

        var roles = FramecastOptions.ParseRoles(builder.Configuration[$"{FramecastOptions.Section}:Roles"] ?? "all", out _);
        var postgres = string.Equals(builder.Configuration[$"{DatabaseOptions.Section}:Provider"], "postgres", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddFramecastCore();
        builder.Services.AddFramecastRealtime(builder.Configuration);
        var behindProxies = builder.Services.AddForwardedHeadersFromConfiguration(builder.Configuration);
        if (roles.HasFlag(Roles.Worker))
        {
            builder.Services.AddWorkerRole();
        }
        if ((roles & (Roles.Live | Roles.Stream | Roles.Web)) != 0)
        {
            builder.Services.AddLiveViewing();
        }
        if (roles.HasFlag(Roles.Live))
        {
            builder.Services.AddLiveRole();
            builder.Services.AddChatLiveRole();
            builder.Services.AddHealthChecks().AddCheck<Features.Live.Broadcasts.RtmpListenerHealthCheck>("rtmp", tags: [OperationsEndpoints.ReadyTag]);
        }
        if (postgres)
        {
            // Every node: job wake-ups (workers) and cache invalidation (everyone) arrive as notifications.
            builder.Services.AddHostedService<PostgresNotificationListener>();
        }
        if (roles.HasFlag(Roles.Web))
        {
            builder.Services.AddWebRole();
        }
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        // Now, so it hears the stop however early it comes.
        app.Services.GetRequiredService<NodeDrain>();
        app.UseServerErrorCounting();
        if (behindProxies)
        {
            app.UseForwardedHeaders();
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseFramecastSecurityHeaders();
        app.UseMiddleware<DrainingRealtimeGate>();
        if (roles.HasFlag(Roles.Web))
        {
            app.UseWebPages();
        }
        // Explicitly here, after the error pages: a re-executed status page must be routed again.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<CookieAntiforgeryMiddleware>();
        app.UseOutputCache();
        app.UseCors();
        app.UseRateLimiter();
        app.MapOperationsEndpoints();
        if (roles.HasFlag(Roles.Api))
        {
            app.MapOpenApi();
            app.UseSwaggerUI(o =>
            {
                o.RoutePrefix = "docs";
                o.SwaggerEndpoint("/openapi/v1.json", "Framecast API v1");
                o.DocumentTitle = "Framecast API";
            });
            app.MapAccountsEndpoints();
            app.MapVideosEndpoints();
            app.MapCommentsEndpoints();
            app.MapUploadsEndpoints();
            app.MapWatermarkEndpoints();
            app.MapLiveEndpoints();
            app.MapSocialEndpoints();
            app.MapSearchEndpoints();
            app.MapNotificationsEndpoints();
            app.MapChat();
            app.MapReportsEndpoints();
            app.MapWallet();
            app.MapGifts();
            app.MapDiscoveryEndpoints();
            app.MapAdminEndpoints();
            app.MapAdminStatsEndpoints();
        }
        if ((roles & (Roles.Api | Roles.Web)) != 0)
        {
            app.MapFramecastHub<LiveHub>("/hubs/live");
        }
        if ((roles & (Roles.Live | Roles.Stream | Roles.Web)) != 0)
        {
            // The holding node answers from memory; any other node that serves viewers relays to it.
            app.MapLiveHlsEndpoints();
        }
        if (roles.HasFlag(Roles.Stream))
        {
            app.MapPlaybackEndpoints();
        }
        if (roles.HasFlag(Roles.Web))
        {
            app.MapWebPages();
        }
        return app;
    }

    /// <summary>Applies migrations, then serves until <paramref name="cancellationToken"/> or a shutdown signal.</summary>
    public static async Task RunAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        await app.RunAsync(cancellationToken);
    }
}
