using Framecast.Features.Admin;
using Framecast.Features.Accounts;
using Framecast.Features.Admin.Dashboard;
using Framecast.Features.Chat;
using Framecast.Features.Comments;
using Framecast.Features.Discovery;
using Framecast.Features.Gifts;
using Framecast.Features.Live;
using Framecast.Features.Notifications;
using Framecast.Features.Operations;
using Framecast.Features.Playback;
using Framecast.Features.Processing;
using Framecast.Features.Search;
using Framecast.Features.Social;
using Framecast.Features.Uploads;
using Framecast.Features.Videos;
using Framecast.Features.Wallet;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Framecast.Infrastructure.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Framecast.Hosting;

/// <summary>Roles only compose features; a disabled role's hosted services are never registered.</summary>
public static class RoleRegistration
{
    public static IServiceCollection AddFramecastCore(this IServiceCollection services)
    {
        services.AddOptions<FramecastOptions>().BindConfiguration(FramecastOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddGracefulShutdown();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((kestrel, limits) =>
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache(o => o.SizeLimit = 100_000);
        services.AddOutputCache(o => o.SizeLimit = 64 * 1024 * 1024);
        services.AddFramecastErrorHandling();
        services.AddFramecastDatabase();
        services.AddHostedService<SqliteStatistics>();
        services.AddSingleton<IBlobStore, LocalBlobStore>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<DatabaseNotifications>();
        services.AddAccountsFeature();
        services.AddVideosFeature();
        services.AddCommentsFeature();
        services.AddUploadsFeature();
        services.AddProcessingFeature();
        services.AddPlaybackFeature();
        services.AddOperationsFeature();
        services.AddLiveFeature();
        services.AddSocialFeature();
        services.AddSearchFeature();
        services.AddNotificationsFeature();
        services.AddChatFeature();
        services.AddWalletFeature();
        services.AddGiftsFeature();
        services.AddDiscoveryFeature();
        services.AddScoped<Features.Reports.ReportsService>();
        services.AddAdminFeature();
        services.AddAdminDashboard();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(
            new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
        services.AddOpenApi();
        return services;
    }

    /// <summary>SIGTERM drains the node (see <see cref="NodeDrain"/>) and the whole stop is bounded by <c>Hosting:ShutdownTimeout</c>.</summary>
    private static void AddGracefulShutdown(this IServiceCollection services)
    {
        services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<HostingOptions>>((host, hosting) => host.ShutdownTimeout = hosting.Value.ShutdownTimeout);
        services.AddSingleton<NodeDrain>();
        services.AddHealthChecks().AddCheck<DrainHealthCheck>("shutdown", tags: [OperationsEndpoints.ReadyTag]);
    }

    public static IServiceCollection AddWorkerRole(this IServiceCollection services)
    {
        services.AddSingleton<JobRunner>();
        services.AddHostedService<JobWorker>();
        services.AddHostedService<UploadExpiryWorker>();
        services.AddWalletWorkerRole();
        services.AddDiscoveryWorkerRole();
        // A worker without a usable ffmpeg cannot do its job: say so on /readyz.
        services.AddHealthChecks().AddCheck<Infrastructure.Media.EncoderCheck>("ffmpeg", tags: [OperationsEndpoints.ReadyTag]);
        services.AddSingleton<IDatabaseNotificationHandler, JobNotificationHandler>();
        return services;
    }
}
