"""repro's steps in JAX, line by line (float64; jit). See README.md for what each step is.

Training (Sources/Numerics/Training/Trainer.swift, direct mode): N(x) = Σ_j v_j relu(w_j·x) (output scale 1, no
bias), exponential loss, Lyu–Li loss-normalised gradient descent with the per-step metrics of `Trainer.evaluate`
(log of the mean loss by log-sum-exp, min margin, ‖θ‖², accuracy) and, optionally, the relative step bound
‖Δθ‖ ≤ ρ‖θ‖ of `Trainer.update`.

Adversarial training (Sources/Numerics/Training/RobustTraining.swift, Attacks/MarginAttack.swift):
f(W, z) = c·Σ_r a_r σ(w_r·z) with σ the quadratic ReLU max(z, 0)²/2, a and c fixed; Madry's K-step normalised
PGA on the margin (steps of 2.5δ/K, projected on the ball, every iterate counts: the lowest margin is kept),
the logistic loss at the attack's points, ∇_W by Danskin (one GEMM), the step W ← Π(W − η∇), Π onto
‖W − W(0)‖_F ≤ R.
"""

from functools import partial

import jax
import jax.numpy as jnp

jax.config.update("jax_enable_x64", True)


def evaluate(w, v, x, y):
    """`Trainer.evaluate`: the buffers (H, σ', r) and the metrics (log mean loss, min margin, ‖θ‖², accuracy)."""
    n = x.shape[0]
    p = x @ w.T  # n × m
    h = jnp.maximum(p, 0.0)
    s = (p > 0).astype(p.dtype)
    f = h @ v
    q = y * f
    log_losses = -y * f  # exponential loss: log ℓ = −y f
    max_log = jnp.max(log_losses)
    log_total = max_log + jnp.log(jnp.sum(jnp.exp(log_losses - max_log)))
    log_mean = log_total - jnp.log(float(n))
    # ℓ'_i / Σ_k ℓ_k in the log domain (sign of ℓ' = −sign y), then Lyu–Li's 1/max(1, log(1/L))².
    r = -jnp.sign(y) * jnp.exp(-y * f - log_total)
    log_inverse = jnp.maximum(1.0, -log_mean)
    r = r / (log_inverse * log_inverse)
    squared_norm = v @ v + jnp.sum(w * w)
    metrics = jnp.stack([log_mean, jnp.min(q), squared_norm, jnp.mean((q > 0).astype(q.dtype))])
    return h, s, r, squared_norm, metrics


def update(w, v, flow, x, h, s, r, squared_norm, step_size, rho):
    """`Trainer.update` in direct mode: W −= η DᵀX, v −= η Hᵀr, η shortened by the bound ρ when set."""
    gv = h.T @ r
    d = s * (r[:, None] * v[None, :])  # ∂L/∂P
    gw = d.T @ x
    if rho is None:
        eta = step_size
    else:
        gradient = jnp.sqrt(gv @ gv + jnp.sum(gw * gw))
        limit = rho * jnp.sqrt(squared_norm)
        eta = jnp.where(step_size * gradient > limit, limit / gradient, step_size)
    return w - eta * gw, v - eta * gv, flow + eta


def training_step(state, x, y, step_size, rho):
    """One step of `Trainer.run`: evaluate (the snapshot's metrics, with the flow time before the step), update."""
    w, v, flow = state
    h, s, r, squared_norm, metrics = evaluate(w, v, x, y)
    new = update(w, v, flow, x, h, s, r, squared_norm, step_size, rho)
    return new, jnp.concatenate([metrics, flow[None]])


def make_training_step(step_size, rho=None):
    """step(state, x, y) → (state, metrics), jitted; state = (W, v, flow time)."""
    return jax.jit(partial(training_step, step_size=step_size, rho=rho))


def make_training_scan(step_size, rho, length):
    """`length` steps in one jitted lax.scan (no per-step dispatch); every step's metrics are returned."""

    def run(state, x, y):
        return jax.lax.scan(lambda s, _: training_step(s, x, y, step_size, rho), state, None, length=length)

    return jax.jit(run)


def final_metrics(state, x, y):
    """The snapshot after the last update (`Trainer.run` evaluates once more before it stops)."""
    w, v, flow = state
    metrics = evaluate(w, v, x, y)[4]
    return jnp.concatenate([metrics, flow[None]])


def margins(z, w, a, y, c):
    """`MarginBatch.evaluate`: q_i = y_i c Σ_r a_r σ(w_r·z_i) and S_ir = y_i c a_r σ'(w_r·z_i), quadratic ReLU."""
    u = jnp.maximum(z @ w.T, 0.0)
    yc = y * c
    q = yc * (0.5 * ((u * u) @ a))
    return q, yc[:, None] * a[None, :] * u


def adversarial_step(w, x, y, w0, a, c, radius, k, rate, projection):
    """`RobustTrainer.step` with `MarginAttack.pga(k)`: → (W, surrogate loss, ‖∇_W‖, the attack's margins)."""
    n = x.shape[0]
    length = (2.5 / k) * radius
    q, s = margins(x, w, a, y, c)  # the clean inputs (Δ = 0), once
    best_q, best_z = q, x
    delta = jnp.zeros_like(x)
    for _ in range(k):
        g = s @ w  # ∇_z q_i, n × d
        g2 = jnp.sum(g * g, axis=1)
        moved = delta - (length / jnp.sqrt(g2))[:, None] * g
        r2 = jnp.sum(moved * moved, axis=1)
        moved = moved * jnp.where(r2 > radius * radius, radius / jnp.sqrt(r2), 1.0)[:, None]
        delta = jnp.where((g2 > 0)[:, None], moved, delta)
        z = x + delta
        q, s = margins(z, w, a, y, c)
        better = (q < best_q) | jnp.isnan(q)
        best_q = jnp.where(better, q, best_q)
        best_z = jnp.where(better[:, None], z, best_z)
    # The surrogate loss and ∇_W at the attack's points (Danskin: the points held fixed).
    q, s = margins(best_z, w, a, y, c)
    loss = jnp.mean(jnp.logaddexp(0.0, -q))
    s = s * (-jax.nn.sigmoid(-q) / n)[:, None]
    gradient = s.T @ best_z
    size = jnp.sqrt(jnp.sum(gradient * gradient))
    w = w - rate * gradient
    if projection is not None:
        change = jnp.sqrt(jnp.sum((w - w0) ** 2))
        w = jnp.where(change > projection, w0 + (projection / change) * (w - w0), w)
    return w, loss, size, best_q


def make_adversarial_step(c, radius, k, rate=1.0, projection=None):
    """step(W, x, y, W0, a) → (W, loss, ‖∇‖, margins), jitted."""

    def step(w, x, y, w0, a):
        return adversarial_step(w, x, y, w0, a, c, radius, k, rate, projection)

    return jax.jit(step)


def make_adversarial_scan(c, radius, k, length, rate=1.0, projection=None):
    """`length` adversarial steps in one jitted lax.scan; every step's loss and gradient norm are returned."""

    def run(w, x, y, w0, a):
        def body(w, _):
            w, loss, size, _ = adversarial_step(w, x, y, w0, a, c, radius, k, rate, projection)
            return w, jnp.stack([loss, size])

        return jax.lax.scan(body, w, None, length=length)

    return jax.jit(run)
