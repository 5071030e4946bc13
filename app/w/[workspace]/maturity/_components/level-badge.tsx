import type { Level } from "@/lib/maturity/types";
import { levelName } from "./labels";
import styles from "./maturity.module.css";

/** A maturity level as a badge: number and name, and "provisional" when reached on data with questions open. */
export function LevelBadge({ level, provisional }: { level: Level; provisional: boolean }) {
  return (
    <span className={`${styles.level} ${styles[`level${level}`]}`}>
      {levelName(level)}
      {provisional && <span className={styles.provisional}>provisional</span>}
    </span>
  );
}
