using Framecast.Features.Wallet.TopUps;

namespace Framecast.Features.Wallet;

public static class WalletRegistration
{
    public static IServiceCollection AddWalletFeature(this IServiceCollection services)
    {
        services.AddOptions<WalletOptions>().BindConfiguration(WalletOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<WalletLedger>();
        services.AddScoped<WalletService>();
        services.AddScoped<WalletGrants>();
        services.AddScoped<WalletTopUps>();
        services.AddScoped<WalletVerifier>();
        services.AddScoped<VoucherBatches>();
        services.AddScoped<VoucherTopUpProvider>();
        services.AddScoped<ITopUpProvider>(sp => sp.GetRequiredService<VoucherTopUpProvider>());
        return services;
    }

    /// <summary>The worker role proves the ledger on a schedule.</summary>
    public static IServiceCollection AddWalletWorkerRole(this IServiceCollection services) => services.AddHostedService<WalletVerifyWorker>();

    public static IEndpointRouteBuilder MapWallet(this IEndpointRouteBuilder app)
    {
        app.MapWalletEndpoints();
        app.MapWalletAdminEndpoints();
        return app;
    }
}
