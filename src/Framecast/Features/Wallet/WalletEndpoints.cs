using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Features.Wallet.TopUps;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Wallet;

/// <summary>A user's wallet: balances, history, and redeeming a voucher.</summary>
public static class WalletEndpoints
{
    public static IEndpointRouteBuilder MapWalletEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me/wallet").WithTags("Wallet").RequireAuthorization();
        me.MapGet("", GetWallet);
        me.MapPost("/redeem", Redeem);
        return app;
    }

    private static async Task<Results<Ok<WalletResponse>, ProblemHttpResult>> GetWallet(ClaimsPrincipal user, int? limit, string? cursor,
        WalletService wallets, CancellationToken cancellationToken)
    {
        long? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!WalletService.Cursor.TryDecode(cursor, out var position))
            {
                return Problems.InvalidCursor();
            }
            before = position;
        }
        return TypedResults.Ok(await wallets.GetAsync(Viewer.From(user).UserId!, before, PageCursor.ClampLimit(limit), cancellationToken));
    }

    private static async Task<Results<Ok<RedeemResponse>, ProblemHttpResult>> Redeem(RedeemRequest request, ClaimsPrincipal user, VoucherTopUpProvider vouchers,
        WalletTopUps topUps, HttpContext http, CancellationToken cancellationToken)
    {
        var (result, refusal) = await topUps.RedeemAsync(vouchers, Viewer.From(user).UserId!, request.Code, cancellationToken);
        return refusal is not null ? refusal.ToProblem(http) : TypedResults.Ok(result!);
    }
}
