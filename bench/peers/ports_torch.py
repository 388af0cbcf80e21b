"""repro's steps in PyTorch (float64, no autograd: the gradients by hand, as repro computes them), the same
lines as ports_jax.py (read its docstring). Written without data-dependent Python branches, so that
`torch.compile` takes each step as one graph. Call the steps under `torch.inference_mode()`.
"""

import math

import torch


def evaluate(w, v, x, y):
    """`Trainer.evaluate`: the buffers (H, σ', r) and the metrics (log mean loss, min margin, ‖θ‖², accuracy)."""
    n = x.shape[0]
    p = x @ w.T
    h = torch.clamp_min(p, 0.0)
    s = (p > 0).to(p.dtype)
    f = h @ v
    q = y * f
    log_losses = -y * f
    max_log = torch.max(log_losses)
    log_total = max_log + torch.log(torch.sum(torch.exp(log_losses - max_log)))
    log_mean = log_total - math.log(n)
    r = -torch.sign(y) * torch.exp(-y * f - log_total)
    log_inverse = torch.clamp_min(-log_mean, 1.0)
    r = r / (log_inverse * log_inverse)
    squared_norm = v @ v + torch.sum(w * w)
    metrics = torch.stack([log_mean, torch.min(q), squared_norm, torch.mean((q > 0).to(q.dtype))])
    return h, s, r, squared_norm, metrics


def training_step(w, v, flow, x, y, step_size: float, rho):
    """One step of `Trainer.run` in direct mode: → (W, v, flow time, metrics of the snapshot before the step)."""
    h, s, r, squared_norm, metrics = evaluate(w, v, x, y)
    gv = h.T @ r
    d = s * (r[:, None] * v[None, :])
    gw = d.T @ x
    if rho is None:
        eta = torch.full_like(flow, step_size)
    else:
        gradient = torch.sqrt(gv @ gv + torch.sum(gw * gw))
        limit = rho * torch.sqrt(squared_norm)
        eta = torch.where(step_size * gradient > limit, limit / gradient, torch.full_like(flow, step_size))
    return w - eta * gw, v - eta * gv, flow + eta, torch.cat([metrics, flow.reshape(1)])


def final_metrics(w, v, flow, x, y):
    """The snapshot after the last update."""
    return torch.cat([evaluate(w, v, x, y)[4], flow.reshape(1)])


def make_training_step(step_size, rho=None, compiled=False):
    """step(W, v, flow, x, y) → (W, v, flow, metrics); `compiled`: through torch.compile (fullgraph)."""

    step_size, rho = float(step_size), None if rho is None else float(rho)

    def step(w, v, flow, x, y):
        return training_step(w, v, flow, x, y, step_size, rho)

    return torch.compile(step, fullgraph=True, dynamic=False) if compiled else step


def margins(z, w, a, y, c: float):
    """`MarginBatch.evaluate`, quadratic ReLU: the margins q and the slopes S."""
    u = torch.clamp_min(z @ w.T, 0.0)
    yc = y * c
    q = yc * (0.5 * ((u * u) @ a))
    return q, yc[:, None] * a[None, :] * u


def adversarial_step(w, x, y, w0, a, c: float, radius: float, k: int, rate: float, projection):
    """`RobustTrainer.step` with `MarginAttack.pga(k)`: → (W, surrogate loss, ‖∇_W‖, the attack's margins)."""
    n = x.shape[0]
    length = (2.5 / k) * radius
    q, s = margins(x, w, a, y, c)
    best_q, best_z = q, x
    delta = torch.zeros_like(x)
    for _ in range(k):
        g = s @ w
        g2 = torch.sum(g * g, dim=1)
        moved = delta - (length / torch.sqrt(g2))[:, None] * g
        r2 = torch.sum(moved * moved, dim=1)
        moved = moved * torch.where(r2 > radius * radius, radius / torch.sqrt(r2), torch.ones_like(r2))[:, None]
        delta = torch.where((g2 > 0)[:, None], moved, delta)
        z = x + delta
        q, s = margins(z, w, a, y, c)
        better = (q < best_q) | torch.isnan(q)
        best_q = torch.where(better, q, best_q)
        best_z = torch.where(better[:, None], z, best_z)
    q, s = margins(best_z, w, a, y, c)
    loss = torch.mean(torch.logaddexp(torch.zeros_like(q), -q))
    s = s * (-torch.sigmoid(-q) / n)[:, None]
    gradient = s.T @ best_z
    size = torch.sqrt(torch.sum(gradient * gradient))
    w = w - rate * gradient
    if projection is not None:
        change = torch.sqrt(torch.sum((w - w0) ** 2))
        w = torch.where(change > projection, w0 + (projection / change) * (w - w0), w)
    return w, loss, size, best_q


def make_adversarial_step(c, radius, k, rate=1.0, projection=None, compiled=False):
    """step(W, x, y, W0, a) → (W, loss, ‖∇‖, margins)."""

    c, radius, rate = float(c), float(radius), float(rate)  # Python numbers: constants of the graph

    def step(w, x, y, w0, a):
        return adversarial_step(w, x, y, w0, a, c, radius, k, rate, projection)

    return torch.compile(step, fullgraph=True, dynamic=False) if compiled else step
