using System.Text.Json;
using Framecast.Features.Accounts;
using Framecast.Features.Chat;
using Framecast.Features.Wallet;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Framecast.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Gifts;

/// <summary>
/// Sends a gift: in one transaction the sender's balance goes down by the price (only if it can), the channel's earnings
/// and the platform's revenue go up by their shares, the send is recorded and its notification job queued. The room
/// hears it once that has committed. The idempotency key makes a retry answer the first send, never send again.
/// </summary>
public sealed class GiftSender(FramecastDbContext db, WalletLedger ledger, GiftCatalog catalog, UserDirectory users, JobQueue jobs, ChatRooms rooms,
    TimeProvider clock, IOptions<GiftsOptions> options, Infrastructure.Telemetry.FramecastMetrics metrics)
{
    public const int MaxCount = 99;

    public async Task<(GiftSendResponse? Sent, WalletRefusal? Refusal)> SendAsync(Viewer sender, GiftTarget target, SendGiftRequest request, CancellationToken cancellationToken)
    {
        var senderId = sender.UserId!;
        if (request.Count is < 1 or > MaxCount)
        {
            return (null, WalletRefusal.Invalid("count", $"Send 1 to {MaxCount} at a time."));
        }
        if (IdempotencyKeys.Problem(request.IdempotencyKey) is { } keyProblem)
        {
            return (null, WalletRefusal.Invalid("idempotencyKey", keyProblem));
        }
        if (target.ChannelId == senderId)
        {
            return (null, new WalletRefusal(422, "gift.self", "That is your own channel", "Gifts go to other people's channels."));
        }
        var gift = await catalog.FindAsync(request.GiftId, cancellationToken);
        if (gift is null || !gift.Active)
        {
            return (null, new WalletRefusal(404, "gift.not_found", "No such gift", "That gift is not in the catalogue (any more)."));
        }

        var requestHash = IdempotencyKeys.Hash("gift", gift.Id, request.Count, target.SessionId, target.VideoId);
        var total = gift.PriceCoins * request.Count;
        var channelShare = (long)Math.Floor(total * options.Value.ChannelShare);
        var senderName = (await users.GetSummaryAsync(senderId, cancellationToken)).Username;
        var channelName = (await users.GetSummaryAsync(target.ChannelId, cancellationToken)).Username;
        var now = clock.UtcNowMicros();
        var transactionId = Ids.New();
        var what = $"{gift.Name} ×{request.Count}";

        await using var transaction = await ledger.BeginAsync(cancellationToken);
        // The ledger's transaction is all or nothing: no savepoint round trips while the shared rows are locked.
        db.Database.AutoSavepointsEnabled = false;
        var claim = await ledger.ClaimAsync(new WalletTransaction(transactionId, "gift", senderId, request.IdempotencyKey, requestHash,
            $"{what} from @{senderName} to @{channelName}", now), cancellationToken);
        if (!claim.Claimed)
        {
            await transaction.RollbackAsync(cancellationToken);
            return claim.SameRequest(requestHash)
                ? (JsonSerializer.Deserialize<GiftSendResponse>(claim.ExistingResult!, JsonSerializerOptions.Web), null)
                : (null, WalletRefusal.KeyReused());
        }
        List<LedgerLine> lines = [new(WalletAccounts.Balance(senderId), -total, $"{what} to @{channelName}")];
        if (channelShare > 0)
        {
            lines.Add(new(WalletAccounts.Earnings(target.ChannelId), channelShare, $"{what} from @{senderName}"));
        }
        if (total - channelShare > 0)
        {
            lines.Add(new(WalletAccounts.Revenue(), total - channelShare, $"Platform share of {what} to @{channelName}"));
        }
        var send = new GiftSend
        {
            Id = Ids.New(), TransactionId = transactionId, GiftId = gift.Id, GiftName = gift.Name, SenderId = senderId, ChannelId = target.ChannelId,
            SessionId = target.SessionId, VideoId = target.VideoId, Count = request.Count, TotalCoins = total, CreatedAt = now,
        };
        var giftRef = new GiftRef(gift.Id, gift.Name, gift.ImageUrl, gift.PriceCoins);
        GiftSendResponse? sent = null;
        var balances = await ledger.PostAsync(transactionId, lines, now, cancellationToken, async afterDebits =>
        {
            db.Add(send);
            jobs.Add(db, transaction, GiftReceivedJob.Type, new GiftReceivedJob(send.Id, target.ChannelId, senderId, senderName, gift.Name, send.Count,
                total, target.SessionId, target.VideoId));
            await db.SaveChangesAsync(cancellationToken);
            sent = new GiftSendResponse(send.Id, send.SessionId, send.VideoId, giftRef, send.Count, total, afterDebits[WalletAccounts.Balance(senderId).Id],
                new UserRef(senderName), now);
            await ledger.SaveResultAsync(transactionId, JsonSerializer.Serialize(sent, JsonSerializerOptions.Web), cancellationToken);
        });
        if (balances is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (null, WalletRefusal.InsufficientFunds(await ledger.BalanceAsync(WalletAccounts.Balance(senderId).Id, cancellationToken), total));
        }
        await transaction.CommitAsync(cancellationToken);
        metrics.GiftSent(send.SessionId is not null, send.Count, total);

        var heard = new GiftEvent(send.Id, send.SessionId, send.VideoId, new UserRef(senderName), giftRef, send.Count, total, now);
        rooms.Gift(send.SessionId, send.VideoId, heard);
        return (sent!, null);
    }
}
