using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Wallet;

/// <summary>Why coins did not move, as problem+json: nothing was written when one of these is answered.</summary>
public sealed record WalletRefusal(int Status, string Code, string Title, string Detail, IReadOnlyDictionary<string, object?>? Extra = null, int? RetryAfterSeconds = null)
{
    public static WalletRefusal InsufficientFunds(long balance, long required) =>
        new(402, "wallet.insufficient_funds", "Not enough coins",
            $"This needs {required} coins and the balance is {balance}. Redeem a voucher on /wallet to add coins.",
            new Dictionary<string, object?> { ["balanceCoins"] = balance, ["requiredCoins"] = required });

    public static WalletRefusal KeyReused() =>
        new(422, "wallet.idempotency_key_reused", "Idempotency key already used",
            "This idempotencyKey was already used for a different request; make a new key for each intended movement.");

    public static WalletRefusal Invalid(string field, string detail) =>
        new(400, "validation.failed", "The request is invalid", detail, new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    public ProblemHttpResult ToProblem(HttpContext? http)
    {
        if (RetryAfterSeconds is { } seconds && http is not null)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        var extensions = new Dictionary<string, object?> { ["code"] = Code };
        foreach (var (key, value) in Extra ?? new Dictionary<string, object?>())
        {
            extensions[key] = value;
        }
        return TypedResults.Problem(statusCode: Status, title: Title, detail: Detail, extensions: extensions);
    }
}
