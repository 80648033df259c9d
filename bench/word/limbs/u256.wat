;; MULMOD and ADDMOD on 256-bit words stored as 8 little-endian 32-bit limbs in this module's memory
;; (the same layout as prototype A's Uint32Array stack, which lives in this memory when the wasm
;; variant runs). Arguments are byte offsets of words; the result may alias an operand.
;;
;; The wide value (512-bit product or 257-bit sum) goes to the scratch dividend U (32-bit digits, at
;; byte 0, room for 17 + 1 digits), then Knuth's algorithm D (Hacker's Delight `divmnu`, 32-bit
;; digits in i64 arithmetic) reduces it by the normalized divisor V (at byte 128). Only the remainder
;; is kept. Regenerate the bytes in wasm.ts with `node bench/word/limbs/wasm-build.mjs` (needs wabt),
;; which also inlines the digit accessors $u/$setu/$v/$setv/$limb (Node 20 does not inline wasm calls).
(module
  (memory (export "memory") 1)

  (func $u (param $i i32) (result i64)
    (i64.load32_u (i32.shl (local.get $i) (i32.const 2))))
  (func $setu (param $i i32) (param $x i64)
    (i64.store32 (i32.shl (local.get $i) (i32.const 2)) (local.get $x)))
  (func $v (param $i i32) (result i64)
    (i64.load32_u offset=128 (i32.shl (local.get $i) (i32.const 2))))
  (func $setv (param $i i32) (param $x i64)
    (i64.store32 offset=128 (i32.shl (local.get $i) (i32.const 2)) (local.get $x)))
  ;; limb $i of the word at byte offset $p
  (func $limb (param $p i32) (param $i i32) (result i64)
    (i64.load32_u (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))))

  ;; number of significant limbs of the word at $p
  (func $len (param $p i32) (result i32)
    (local $n i32)
    (local.set $n (i32.const 8))
    (block $done
      (loop $scan
        (br_if $done (i32.eqz (local.get $n)))
        (br_if $done (i64.ne (call $limb (local.get $p) (i32.sub (local.get $n) (i32.const 1))) (i64.const 0)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $scan)))
    (local.get $n))

  ;; writes digits U[0..$k) (k <= 8) to the word at $r, zero above
  (func $storeU (param $k i32) (param $r i32)
    (local $i i32)
    (local.set $i (i32.const 0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (i32.const 8)))
        (i32.store (i32.add (local.get $r) (i32.shl (local.get $i) (i32.const 2)))
          (if (result i32) (i32.lt_u (local.get $i) (local.get $k))
            (then (i32.wrap_i64 (call $u (local.get $i))))
            (else (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l))))

  ;; the word at $r := U[0..$m) mod (word at $n), the divisor having $nn > 0 significant limbs
  (func $reduce (param $m i32) (param $n i32) (param $nn i32) (param $r i32)
    (local $s i64) (local $i i32) (local $j i32) (local $d i64) (local $rem i64)
    (local $vtop i64) (local $vnext i64) (local $num i64) (local $qhat i64) (local $rhat i64)
    (local $p i64) (local $t i64) (local $k i64)
    ;; trim leading zero digits of the dividend
    (block $trimmed
      (loop $trim
        (br_if $trimmed (i32.eqz (local.get $m)))
        (br_if $trimmed (i64.ne (call $u (i32.sub (local.get $m) (i32.const 1))) (i64.const 0)))
        (local.set $m (i32.sub (local.get $m) (i32.const 1)))
        (br $trim)))
    ;; dividend shorter than the divisor: it is the remainder
    (if (i32.lt_u (local.get $m) (local.get $nn))
      (then (call $storeU (local.get $m) (local.get $r)) (return)))
    ;; one-digit divisor: short division
    (if (i32.eq (local.get $nn) (i32.const 1))
      (then
        (local.set $d (call $limb (local.get $n) (i32.const 0)))
        (local.set $rem (i64.const 0))
        (local.set $i (local.get $m))
        (block $done
          (loop $l
            (br_if $done (i32.eqz (local.get $i)))
            (local.set $i (i32.sub (local.get $i) (i32.const 1)))
            (local.set $rem (i64.rem_u
              (i64.or (i64.shl (local.get $rem) (i64.const 32)) (call $u (local.get $i)))
              (local.get $d)))
            (br $l)))
        (call $setu (i32.const 0) (local.get $rem))
        (call $storeU (i32.const 1) (local.get $r))
        (return)))
    ;; normalize: shift so the divisor's top digit has its high bit set
    (local.set $s (i64.extend_i32_u (i32.clz (i32.wrap_i64 (call $limb (local.get $n) (i32.sub (local.get $nn) (i32.const 1)))))))
    (local.set $i (i32.sub (local.get $nn) (i32.const 1)))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $i)))
        (call $setv (local.get $i) (i64.or
          (i64.shl (call $limb (local.get $n) (local.get $i)) (local.get $s))
          (i64.shr_u (call $limb (local.get $n) (i32.sub (local.get $i) (i32.const 1))) (i64.sub (i64.const 32) (local.get $s)))))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br $l)))
    (call $setv (i32.const 0) (i64.shl (call $limb (local.get $n) (i32.const 0)) (local.get $s)))
    (call $setu (local.get $m) (i64.shr_u (call $u (i32.sub (local.get $m) (i32.const 1))) (i64.sub (i64.const 32) (local.get $s))))
    (local.set $i (i32.sub (local.get $m) (i32.const 1)))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $i)))
        (call $setu (local.get $i) (i64.or
          (i64.shl (call $u (local.get $i)) (local.get $s))
          (i64.shr_u (call $u (i32.sub (local.get $i) (i32.const 1))) (i64.sub (i64.const 32) (local.get $s)))))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br $l)))
    (call $setu (i32.const 0) (i64.shl (call $u (i32.const 0)) (local.get $s)))
    (local.set $vtop (call $v (i32.sub (local.get $nn) (i32.const 1))))
    (local.set $vnext (call $v (i32.sub (local.get $nn) (i32.const 2))))
    ;; main loop, j from m - nn down to 0
    (local.set $j (i32.add (i32.sub (local.get $m) (local.get $nn)) (i32.const 1)))
    (block $jdone
      (loop $jl
        (br_if $jdone (i32.eqz (local.get $j)))
        (local.set $j (i32.sub (local.get $j) (i32.const 1)))
        (local.set $num (i64.or
          (i64.shl (call $u (i32.add (local.get $j) (local.get $nn))) (i64.const 32))
          (call $u (i32.sub (i32.add (local.get $j) (local.get $nn)) (i32.const 1)))))
        (local.set $qhat (i64.div_u (local.get $num) (local.get $vtop)))
        (local.set $rhat (i64.sub (local.get $num) (i64.mul (local.get $qhat) (local.get $vtop))))
        ;; correct qhat (at most twice)
        (block $qok
          (loop $ql
            (br_if $qok (i32.and
              (i64.lt_u (local.get $qhat) (i64.const 0x100000000))
              (i64.le_u (i64.mul (local.get $qhat) (local.get $vnext))
                (i64.or (i64.shl (local.get $rhat) (i64.const 32))
                  (call $u (i32.sub (i32.add (local.get $j) (local.get $nn)) (i32.const 2)))))))
            (local.set $qhat (i64.sub (local.get $qhat) (i64.const 1)))
            (local.set $rhat (i64.add (local.get $rhat) (local.get $vtop)))
            (br_if $ql (i64.lt_u (local.get $rhat) (i64.const 0x100000000)))))
        ;; U[j .. j+nn] -= qhat * V
        (local.set $k (i64.const 0))
        (local.set $i (i32.const 0))
        (block $done
          (loop $l
            (br_if $done (i32.ge_u (local.get $i) (local.get $nn)))
            (local.set $p (i64.mul (local.get $qhat) (call $v (local.get $i))))
            (local.set $t (i64.sub (i64.sub (call $u (i32.add (local.get $i) (local.get $j))) (local.get $k))
              (i64.and (local.get $p) (i64.const 0xffffffff))))
            (call $setu (i32.add (local.get $i) (local.get $j)) (local.get $t))
            (local.set $k (i64.sub (i64.shr_u (local.get $p) (i64.const 32)) (i64.shr_s (local.get $t) (i64.const 32))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $l)))
        (local.set $t (i64.sub (call $u (i32.add (local.get $j) (local.get $nn))) (local.get $k)))
        (call $setu (i32.add (local.get $j) (local.get $nn)) (local.get $t))
        ;; qhat was one too large: add the divisor back
        (if (i64.lt_s (local.get $t) (i64.const 0))
          (then
            (local.set $k (i64.const 0))
            (local.set $i (i32.const 0))
            (block $done
              (loop $l
                (br_if $done (i32.ge_u (local.get $i) (local.get $nn)))
                (local.set $t (i64.add (i64.add (call $u (i32.add (local.get $i) (local.get $j))) (call $v (local.get $i))) (local.get $k)))
                (call $setu (i32.add (local.get $i) (local.get $j)) (local.get $t))
                (local.set $k (i64.shr_u (local.get $t) (i64.const 32)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $l)))
            (call $setu (i32.add (local.get $j) (local.get $nn))
              (i64.add (call $u (i32.add (local.get $j) (local.get $nn))) (local.get $k)))))
        (br $jl)))
    ;; unnormalize the remainder U[0..nn) into U[0..nn), then store
    (local.set $i (i32.const 0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (i32.sub (local.get $nn) (i32.const 1))))
        (call $setu (local.get $i) (i64.or
          (i64.shr_u (call $u (local.get $i)) (local.get $s))
          (i64.shl (call $u (i32.add (local.get $i) (i32.const 1))) (i64.sub (i64.const 32) (local.get $s)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (call $setu (i32.sub (local.get $nn) (i32.const 1))
      (i64.shr_u (call $u (i32.sub (local.get $nn) (i32.const 1))) (local.get $s)))
    (call $storeU (local.get $nn) (local.get $r)))

  ;; r := (a * b) mod n, n = 0 gives 0
  (func (export "mulmod") (param $a i32) (param $b i32) (param $n i32) (param $r i32)
    (local $nn i32) (local $i i32) (local $j i32) (local $ai i64) (local $t i64) (local $carry i64)
    (local.set $nn (call $len (local.get $n)))
    (if (i32.eqz (local.get $nn))
      (then (call $storeU (i32.const 0) (local.get $r)) (return)))
    ;; U[0..17) := 0
    (local.set $i (i32.const 0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (i32.const 17)))
        (call $setu (local.get $i) (i64.const 0))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    ;; schoolbook 8x8 limbs: a limb product plus a digit plus a carry stays below 2^64
    (local.set $i (i32.const 0))
    (block $idone
      (loop $il
        (br_if $idone (i32.ge_u (local.get $i) (i32.const 8)))
        (local.set $ai (call $limb (local.get $a) (local.get $i)))
        (if (i64.ne (local.get $ai) (i64.const 0))
          (then
            (local.set $carry (i64.const 0))
            (local.set $j (i32.const 0))
            (block $jdone
              (loop $jl
                (br_if $jdone (i32.ge_u (local.get $j) (i32.const 8)))
                (local.set $t (i64.add (i64.add
                  (i64.mul (local.get $ai) (call $limb (local.get $b) (local.get $j)))
                  (call $u (i32.add (local.get $i) (local.get $j))))
                  (local.get $carry)))
                (call $setu (i32.add (local.get $i) (local.get $j)) (local.get $t))
                (local.set $carry (i64.shr_u (local.get $t) (i64.const 32)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $jl)))
            (call $setu (i32.add (local.get $i) (i32.const 8)) (local.get $carry))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $il)))
    (call $reduce (i32.const 16) (local.get $n) (local.get $nn) (local.get $r)))

  ;; r := (a + b) mod n with the 257-bit sum, n = 0 gives 0
  (func (export "addmod") (param $a i32) (param $b i32) (param $n i32) (param $r i32)
    (local $nn i32) (local $i i32) (local $t i64) (local $carry i64)
    (local.set $nn (call $len (local.get $n)))
    (if (i32.eqz (local.get $nn))
      (then (call $storeU (i32.const 0) (local.get $r)) (return)))
    (local.set $carry (i64.const 0))
    (local.set $i (i32.const 0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (i32.const 8)))
        (local.set $t (i64.add (i64.add (call $limb (local.get $a) (local.get $i)) (call $limb (local.get $b) (local.get $i))) (local.get $carry)))
        (call $setu (local.get $i) (local.get $t))
        (local.set $carry (i64.shr_u (local.get $t) (i64.const 32)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (call $setu (i32.const 8) (local.get $carry))
    (call $reduce (i32.const 9) (local.get $n) (local.get $nn) (local.get $r)))
)
