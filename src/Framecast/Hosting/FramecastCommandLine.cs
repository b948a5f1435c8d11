using System.CommandLine;
using Framecast.Features.Accounts;
using Framecast.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace Framecast.Hosting;

/// <summary>The command line of API.md: <c>serve</c>, <c>migrate</c>, <c>users create</c>, <c>wallet verify</c>.</summary>
public static class FramecastCommandLine
{
    /// <summary>
    /// SIGTERM and Ctrl-C belong to the host, which drains within <c>Hosting:ShutdownTimeout</c>: System.CommandLine's
    /// own handling would end the process two seconds after the signal, in the middle of the drain.
    /// </summary>
    public static InvocationConfiguration Invocation => new() { ProcessTerminationTimeout = null };

    public static RootCommand Create()
    {
        var urls = new Option<string>("--urls") { Description = $"Addresses to listen on (default {FramecastApp.DefaultUrls})" };
        var data = new Option<string>("--data") { Description = "Data folder: SQLite database and media (default ./data)" };
        var roles = new Option<string>("--roles") { Description = "Roles to run: api,web,stream,worker,live (default all)" };

        var serve = new Command("serve", "Run Framecast") { urls, data, roles };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction((result, cancellationToken) => RunAsync(result, urls, data, roles, async (app, ct) =>
        {
            await FramecastApp.RunAsync(app, ct);
            return 0;
        }, cancellationToken));

        var migrate = new Command("migrate", "Apply database migrations and exit") { data };
        migrate.TreatUnmatchedTokensAsErrors = false;
        migrate.SetAction((result, cancellationToken) => RunAsync(result, null, data, null, async (app, ct) =>
        {
            var applied = await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            await Console.Out.WriteLineAsync(applied.Count == 0 ? "Database is up to date." : $"Applied: {string.Join(", ", applied)}");
            return 0;
        }, cancellationToken));

        var name = new Argument<string>("NAME") { Description = "Username (3–32 of a-z, 0-9, _)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input", Required = true };
        var admin = new Option<bool>("--admin") { Description = "Make the account an administrator" };
        var create = new Command("create", "Create an account") { name, passwordStdin, admin, data };
        create.TreatUnmatchedTokensAsErrors = false;
        create.SetAction((result, cancellationToken) => RunAsync(result, null, data, null, (app, ct) =>
            CreateUserAsync(app, result.GetValue(name)!, result.GetValue(admin), ct), cancellationToken));
        var users = new Command("users", "Manage accounts") { create };

        var verify = new Command("verify", "Prove every wallet balance equals the sum of its ledger entries (exit 1 if not)") { data };
        verify.TreatUnmatchedTokensAsErrors = false;
        verify.SetAction((result, cancellationToken) => RunAsync(result, null, data, null, VerifyWalletAsync, cancellationToken));
        var wallet = new Command("wallet", "The coin ledger") { verify };

        return new RootCommand("Framecast: a self-hosted video platform") { serve, migrate, users, wallet };
    }

    private static async Task<int> RunAsync(ParseResult result, Option<string>? urls, Option<string> data, Option<string>? roles,
        Func<WebApplication, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        var overrides = new Dictionary<string, string?>();
        if (urls is not null && result.GetValue(urls) is { } u)
        {
            overrides["urls"] = u;
        }
        if (result.GetValue(data) is { } d)
        {
            overrides[$"{FramecastOptions.Section}:DataDirectory"] = d;
        }
        // One-shot commands never start workers.
        overrides[$"{FramecastOptions.Section}:Roles"] = roles is null ? "api" : result.GetValue(roles);
        if (overrides[$"{FramecastOptions.Section}:Roles"] is null)
        {
            overrides.Remove($"{FramecastOptions.Section}:Roles");
        }
        try
        {
            await using var app = FramecastApp.Build([.. result.UnmatchedTokens], overrides);
            ValidateSettings(app.Services);
            return await action(app, cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"framecast: invalid configuration: {string.Join(" ", ex.Failures)}");
            return 2;
        }
    }

    /// <summary>Fails fast with the offending setting named, before anything listens or migrates.</summary>
    private static void ValidateSettings(IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<FramecastOptions>>().Value;
        _ = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        _ = services.GetRequiredService<IOptions<LimitsOptions>>().Value;
        _ = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        _ = services.GetRequiredService<IOptions<Infrastructure.Jobs.JobsOptions>>().Value;
        _ = services.GetRequiredService<IOptions<HostingOptions>>().Value;
    }

    private static async Task<int> VerifyWalletAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var verifier = scope.ServiceProvider.GetRequiredService<Features.Wallet.WalletVerifier>();
        var check = await verifier.VerifyAsync(cancellationToken);
        await verifier.RecordAsync(check, cancellationToken);
        await (check.Ok ? Console.Out : Console.Error).WriteLineAsync(check.Report());
        return check.Ok ? 0 : 1;
    }

    private static async Task<int> CreateUserAsync(WebApplication app, string username, bool isAdmin, CancellationToken cancellationToken)
    {
        var password = (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
        var errors = AccountsService.Validate(username, password);
        if (errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"framecast: {string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
            return 2;
        }
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<AccountsService>().CreateUserAsync(username, password!, isAdmin, cancellationToken);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"framecast: the username '{UsernameRules.Normalize(username)}' is already taken.");
            return 1;
        }
        await Console.Out.WriteLineAsync($"Created {(isAdmin ? "admin " : "")}user {user.Username} ({user.Id}).");
        return 0;
    }
}
