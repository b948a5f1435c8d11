using Framecast.Infrastructure.Audit;
using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Features.Wallet.TopUps;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Wallet;

/// <summary>Admins put coins into circulation: grants to an account, batches of voucher codes; and read the last ledger check.</summary>
public static class WalletAdminEndpoints
{
    private const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapWalletAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup("/api/v1/admin");
        admin.MapPost("/wallets/{username}/grants", Grant).Audited("wallet.grant", "user", "username");
        admin.MapGet("/vouchers", ListVouchers);
        admin.MapPost("/vouchers", CreateVouchers).Audited("voucher.create", "voucher", "none");
        admin.MapPost("/wallet/verify", Verify).Audited("wallet.verify", "wallet", "none");
        return app;
    }

    private static async Task<Results<Created<GrantResponse>, ValidationProblem, ProblemHttpResult>> Grant(string username, GrantRequest request,
        ClaimsPrincipal user, UserDirectory users, WalletGrants grants, IOptions<WalletOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim() ?? "";
        if (request.Coins < 1 || request.Coins > options.Value.MaxCoinsPerMovement)
        {
            return Problems.Validation("coins", $"Grant 1 to {options.Value.MaxCoinsPerMovement} coins.");
        }
        if (reason.Length is 0 or > MaxReasonLength)
        {
            return Problems.Validation("reason", $"Say why, in 1–{MaxReasonLength} characters: the reason is kept with the grant.");
        }
        var key = request.IdempotencyKey ?? http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        if (key is not null && IdempotencyKeys.Problem(key) is { } keyProblem)
        {
            return Problems.Validation("idempotencyKey", keyProblem);
        }
        if (await users.FindIdAsync(username, cancellationToken) is not { } userId)
        {
            return Problems.NotFound("user.not_found", "No such user");
        }
        var (result, refusal) = await grants.GrantAsync(Viewer.From(user).UserId!, userId, UsernameRules.Normalize(username)!, request.Coins, reason, key, cancellationToken);
        return refusal is not null ? refusal.ToProblem(http) : TypedResults.Created($"/api/v1/admin/wallets/{result!.Username}/grants", result);
    }

    /// <summary>The last 100 batches: enough for the console, which shows the newest.</summary>
    private static async Task<Ok<Page<VoucherBatchSummary>>> ListVouchers(VoucherBatches batches, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Page<VoucherBatchSummary>(await batches.ListAsync(100, cancellationToken), null));

    private static async Task<Results<Created<VoucherBatchResponse>, ValidationProblem>> CreateVouchers(CreateVouchersRequest request, ClaimsPrincipal user,
        VoucherBatches batches, IOptions<WalletOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ValueCoins < 1 || request.ValueCoins > options.Value.MaxCoinsPerMovement)
        {
            errors["valueCoins"] = [$"A voucher is worth 1 to {options.Value.MaxCoinsPerMovement} coins."];
        }
        if (request.Count is < 1 or > VoucherBatches.MaxCount)
        {
            errors["count"] = [$"Make 1 to {VoucherBatches.MaxCount} codes at a time."];
        }
        var now = clock.UtcNowMicros();
        if (request.ExpiresAt is not { } expires || expires.ToUniversalTime() <= now || expires.ToUniversalTime() > now.AddYears(5))
        {
            errors["expiresAt"] = ["Give an expiry time in the future, within five years."];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var expiresAt = DateTime.SpecifyKind(request.ExpiresAt!.Value.ToUniversalTime(), DateTimeKind.Utc);
        expiresAt = expiresAt.AddTicks(-(expiresAt.Ticks % 10));
        var batch = await batches.CreateAsync(Viewer.From(user).UserId!, request.ValueCoins, request.Count, expiresAt, cancellationToken);
        return TypedResults.Created($"/api/v1/admin/vouchers/{batch.BatchId}", batch);
    }

    private static async Task<Ok<WalletCheckResponse>> Verify(WalletVerifier verifier, CancellationToken cancellationToken)
    {
        var check = await verifier.VerifyAsync(cancellationToken);
        await verifier.RecordAsync(check, cancellationToken);
        return TypedResults.Ok(new WalletCheckResponse(check.Ok, check.CheckedAt, check.Accounts, check.Transactions, check.CoinsInCirculation, check.Problems));
    }
}

public sealed record WalletCheckResponse(bool Ok, DateTime CheckedAt, int Accounts, int Transactions, long CoinsInCirculation, IReadOnlyList<string> Problems);
