using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Uploads;

/// <summary>
/// Exactly one PATCH appends to an upload at a time, whichever node it reaches: it claims the row at the offset it
/// appends at with a conditional update (a second PATCH at the same offset, or any while one runs, gets 409), renews
/// the claim while bytes arrive, and commits its new offset only if it still holds the claim. A node that dies
/// mid-PATCH leaves a claim that lapses after <see cref="Lease"/>; nothing of it stays in any process's memory.
/// </summary>
public sealed class UploadWriters(FramecastDbContext db, IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public async Task<string?> TryClaimAsync(string uploadId, long offset, CancellationToken cancellationToken)
    {
        var writer = Guid.NewGuid().ToString("N");
        var now = clock.UtcNowMicros();
        var claimed = await db.Uploads
            .Where(u => u.Id == uploadId && u.Offset == offset && u.CompletedAt == null && (u.WriterId == null || u.WriterUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.WriterId, writer).SetProperty(u => u.WriterUntil, now + Lease), cancellationToken);
        return claimed == 1 ? writer : null;
    }

    /// <summary>Keeps the claim alive until disposed; <see cref="Held.Lost"/> fires if another writer could have taken it.</summary>
    public Held Hold(string uploadId, string writer) => new(uploadId, writer, scopes, clock);

    /// <summary>Records <paramref name="written"/> more bytes and lets go; false when the claim was lost (or the upload removed).</summary>
    public async Task<bool> CommitAsync(string uploadId, string writer, long offset, long written, TimeSpan expireAfter, CancellationToken cancellationToken) =>
        await db.Uploads.Where(u => u.Id == uploadId && u.WriterId == writer && u.Offset == offset)
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.Offset, offset + written)
                .SetProperty(u => u.ExpiresAt, clock.UtcNowMicros() + expireAfter)
                .SetProperty(u => u.WriterId, (string?)null)
                .SetProperty(u => u.WriterUntil, (DateTime?)null), cancellationToken) == 1;

    /// <summary>The last bytes: the offset, the whole file's hashes and completion in one conditional update.</summary>
    public async Task<bool> CompleteAsync(string uploadId, string writer, long length, string sha256, string md5, CancellationToken cancellationToken) =>
        await db.Uploads.Where(u => u.Id == uploadId && u.WriterId == writer && u.CompletedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.Offset, length)
                .SetProperty(u => u.Sha256, sha256)
                .SetProperty(u => u.Md5, md5)
                .SetProperty(u => u.CompletedAt, clock.UtcNowMicros())
                .SetProperty(u => u.WriterId, (string?)null)
                .SetProperty(u => u.WriterUntil, (DateTime?)null), cancellationToken) == 1;

    public Task ReleaseAsync(string uploadId, string writer, CancellationToken cancellationToken) =>
        db.Uploads.Where(u => u.Id == uploadId && u.WriterId == writer)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.WriterId, (string?)null).SetProperty(u => u.WriterUntil, (DateTime?)null), cancellationToken);

    /// <summary>A held claim, renewed every third of the lease on its own scope (the request's context is busy appending).</summary>
    public sealed class Held : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationTokenSource _lost = new();
        private readonly Task _loop;

        internal Held(string uploadId, string writer, IServiceScopeFactory scopes, TimeProvider clock)
        {
            _loop = RenewAsync(uploadId, writer, scopes, clock);
        }

        public CancellationToken Lost => _lost.Token;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
            _lost.Dispose();
        }

        private async Task RenewAsync(string uploadId, string writer, IServiceScopeFactory scopes, TimeProvider clock)
        {
            using var timer = new PeriodicTimer(Lease / 3, clock);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var until = clock.UtcNowMicros() + Lease;
                    var renewed = await scope.ServiceProvider.GetRequiredService<FramecastDbContext>().Uploads
                        .Where(u => u.Id == uploadId && u.WriterId == writer)
                        .ExecuteUpdateAsync(s => s.SetProperty(u => u.WriterUntil, until), _stop.Token);
                    if (renewed == 0)
                    {
                        await _lost.CancelAsync();
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The append finished.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is unreachable: the claim may lapse and another writer take over, so stop appending.
                await _lost.CancelAsync();
            }
        }
    }
}
