using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IcpFiling.Core.Persistence;

/// <summary>
/// A query compiled (<see cref="EF.CompileAsyncQuery{TContext, TResult}(System.Linq.Expressions.Expression{Func{TContext, TResult}})"/>)
/// once per EF model rather than looked up in EF's query cache on every call, which walks and hashes the expression tree
/// each time. The app has one model; a test process has several (one per provider), and EF refuses to run a compiled query
/// on a model other than the one it was compiled for, so each model gets its own.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _byModel.GetValue(db.Model, _ => compile());
    }
}
