using Microsoft.Extensions.Options;

namespace Framecast.Features.Wallet;

/// <summary>The worker role proves the ledger every <see cref="WalletOptions.VerifyInterval"/> and shouts when it does not add up.</summary>
public sealed class WalletVerifyWorker(IServiceScopeFactory scopes, IOptions<WalletOptions> options, TimeProvider clock, ILogger<WalletVerifyWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.VerifyInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var verifier = scope.ServiceProvider.GetRequiredService<WalletVerifier>();
                var check = await verifier.VerifyAsync(stoppingToken);
                await verifier.RecordAsync(check, stoppingToken);
                if (check.Ok)
                {
                    logger.LogInformation("{Report}", check.Report());
                }
                else
                {
                    logger.LogCritical("{Report}", check.Report());
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Verifying the wallet ledger failed; trying again in {Interval}", options.Value.VerifyInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
