using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Framecast.Infrastructure.Jobs;

/// <summary>Wakes this process's workers once a save that added jobs has committed.</summary>
public sealed class JobSignalInterceptor(JobSignal signal) : SaveChangesInterceptor
{
    // Contexts in the middle of a save that adds jobs; weak, so a failed save leaves nothing behind.
    private readonly ConditionalWeakTable<DbContext, object> _adding = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfMarked(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfMarked(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    private void Mark(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<Job>().Any(e => e.State == EntityState.Added))
        {
            _adding.AddOrUpdate(context, signal);
        }
    }

    private void NotifyIfMarked(DbContext? context)
    {
        if (context is not null && _adding.Remove(context))
        {
            signal.Notify();
        }
    }
}
