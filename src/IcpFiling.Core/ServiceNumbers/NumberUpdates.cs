using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>
/// A number's changes made set-based: one conditional <c>UPDATE … WHERE Status = from</c> built from
/// <see cref="NumberTransitions"/>, writing the same fields as <see cref="ServiceNumber"/>'s methods. The row
/// count is the decision: a number another change got to first is not touched, and the caller refuses or runs
/// its change again. No other code writes a number's status (a test reads every assembly to hold that).
/// </summary>
public static class NumberUpdates
{
    /// <summary>Makes <paramref name="transition"/> for those of <paramref name="numbers"/> that stand in its From; returns how many changed.</summary>
    public static Task<int> ApplyAsync(
        this IQueryable<ServiceNumber> numbers, NumberTransition transition, DateTime utcNow, CancellationToken cancellationToken, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var stamp = transition.Stamp(utcNow, reason);
        return numbers.Where(InStatus(transition.From)).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Status, stamp.Status)
            .SetProperty(n => n.UsedAt, stamp.UsedAt)
            .SetProperty(n => n.InvalidCause, stamp.InvalidCause)
            .SetProperty(n => n.VoidedAt, stamp.VoidedAt)
            .SetProperty(n => n.VoidReason, stamp.VoidReason), cancellationToken);
    }

    /// <summary>
    /// <see cref="ServiceNumber.RestrictTo"/> for those of <paramref name="numbers"/> that stand in
    /// <see cref="NumberTransitions.RestrictableIn"/>; returns how many changed.
    /// </summary>
    public static Task<int> RestrictAsync(
        this IQueryable<ServiceNumber> numbers, string? accountId, string? note, DateTime utcNow, CancellationToken cancellationToken) =>
        numbers.Where(InStatus(NumberTransitions.RestrictableIn)).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.RestrictedToAccountId, accountId)
            .SetProperty(n => n.RestrictionNote, accountId == null ? null : note)
            .SetProperty(n => n.RestrictedAt, accountId == null ? null : utcNow), cancellationToken);

    /// <summary>The status as a constant, so the SQL reads <c>Status = 'Unused'</c> as it did when written by hand.</summary>
    public static Expression<Func<ServiceNumber, bool>> InStatus(ServiceNumberStatus status)
    {
        var number = Expression.Parameter(typeof(ServiceNumber), "n");
        return Expression.Lambda<Func<ServiceNumber, bool>>(
            Expression.Equal(Expression.Property(number, nameof(ServiceNumber.Status)), Expression.Constant(status)), number);
    }
}
